/** POST /v1/admin/merchants (operator): onboards a merchant and issues its first API key. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { logger } from '../commons/logger';
import { merchantOnboarding } from '../domain/merchant';
import { onboardMerchantUseCase } from './use-cases';
import { keyIssuingDependencies, operatorOf } from './wiring';

const onboardMerchant = onboardMerchantUseCase(keyIssuingDependencies());

export const handler = httpHandler(async (event) => {
  const operator = operatorOf(event);
  const onboarded = await onboardMerchant(parseJsonBody(event, merchantOnboarding));
  logger.info('Merchant onboarded', {
    operator,
    merchantId: onboarded.merchant.merchantId,
    accessKeyId: onboarded.credentials.accessKeyId,
  });
  return jsonResponse(201, onboarded);
});
