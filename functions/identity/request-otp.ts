/** POST /v1/otp {phone, language?}: sends a 6-digit code by SMS. */
import { z } from 'zod';
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { languages } from '../domain/complaint';
import { requestOtpUseCase } from './use-cases';
import { phoneVerificationDependencies } from './wiring';

const requestOtp = requestOtpUseCase(phoneVerificationDependencies());
const body = z.strictObject({ phone: z.string({ error: 'give your mobile number' }).max(40), language: z.enum(languages).default('bn') });

export const handler = httpHandler(async (event) => {
  const { phone, language } = parseJsonBody(event, body);
  const sent = await requestOtp({ phone, language, source: event.requestContext.identity.sourceIp });
  return jsonResponse(202, sent);
});
