/** POST /v1/admin/regulators (operator): registers a regulator (DNCRP, e-CAB, ...) and issues its key. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { logger } from '../commons/logger';
import { regulatorRegistration } from '../domain/merchant';
import { registerRegulatorUseCase } from './use-cases';
import { keyIssuingDependencies, operatorOf } from './wiring';

const registerRegulator = registerRegulatorUseCase(keyIssuingDependencies());

export const handler = httpHandler(async (event) => {
  const operator = operatorOf(event);
  const registered = await registerRegulator(parseJsonBody(event, regulatorRegistration));
  logger.info('Regulator registered', {
    operator,
    regulatorId: registered.regulator.regulatorId,
    accessKeyId: registered.credentials.accessKeyId,
  });
  return jsonResponse(201, registered);
});
