/**
 * The operators' registry of merchants, one function for its two routes:
 * - POST /v1/admin/merchants onboards a merchant and issues its first API key;
 * - PUT /v1/admin/merchants/{merchantId}/grievance-officer replaces the person consumers contact
 *   first, in the merchant's profile and in the public directory. Nothing of the earlier officer
 *   is kept: their name, phone and email were published only while they held the role.
 */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { logger } from '../commons/logger';
import { grievanceOfficer, merchantOnboarding } from '../domain/merchant';
import { onboardMerchantUseCase, replaceGrievanceOfficerUseCase } from './use-cases';
import { keyIssuingDependencies, operatorOf } from './wiring';

const dependencies = keyIssuingDependencies();
const onboardMerchant = onboardMerchantUseCase(dependencies);
const replaceGrievanceOfficer = replaceGrievanceOfficerUseCase(dependencies);

export const handler = httpHandler(async (event) => {
  const operator = operatorOf(event);
  if (event.httpMethod === 'PUT') {
    const merchantId = event.pathParameters?.merchantId ?? '';
    const merchant = await replaceGrievanceOfficer(merchantId, parseJsonBody(event, grievanceOfficer));
    logger.info('Grievance officer replaced', { operator, merchantId });
    return jsonResponse(200, {
      merchantId,
      grievanceOfficer: merchant.grievanceOfficer,
      replacedAt: merchant.grievanceOfficerReplacedAt,
    });
  }
  const onboarded = await onboardMerchant(parseJsonBody(event, merchantOnboarding));
  logger.info('Merchant onboarded', {
    operator,
    merchantId: onboarded.merchant.merchantId,
    accessKeyId: onboarded.credentials.accessKeyId,
  });
  return jsonResponse(201, onboarded);
});
