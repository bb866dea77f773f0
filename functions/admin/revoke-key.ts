/** DELETE /v1/admin/keys/{accessKeyId} (operator): revokes a merchant's or regulator's key at once. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { logger } from '../commons/logger';
import { revokeKeyUseCase } from './use-cases';
import { adminDependencies, operatorOf } from './wiring';

const revokeKey = revokeKeyUseCase(adminDependencies());

export const handler = httpHandler(async (event) => {
  const operator = operatorOf(event);
  const revoked = await revokeKey(event.pathParameters?.accessKeyId ?? '');
  logger.info('Key revoked', { operator, accessKeyId: revoked.accessKeyId });
  return jsonResponse(200, revoked);
});
