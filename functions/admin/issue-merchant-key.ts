/** POST /v1/admin/merchants/{merchantId}/keys (operator): a second key, for rotation. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { logger } from '../commons/logger';
import { issueMerchantKeyUseCase } from './use-cases';
import { keyIssuingDependencies, operatorOf } from './wiring';

const issueMerchantKey = issueMerchantKeyUseCase(keyIssuingDependencies());

export const handler = httpHandler(async (event) => {
  const operator = operatorOf(event);
  const merchantId = event.pathParameters?.merchantId ?? '';
  const credentials = await issueMerchantKey(merchantId);
  logger.info('Merchant key issued', { operator, merchantId, accessKeyId: credentials.accessKeyId });
  return jsonResponse(201, { merchantId, credentials });
});
