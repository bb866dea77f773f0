/** POST /v1/otp {phone, language?}: sends a 6-digit code by SMS. */
import { httpHandler, parseJsonBody, viewerAddress } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { otpRequest } from '../domain/otp';
import { requestOtpUseCase } from './use-cases';
import { phoneVerificationDependencies } from './wiring';

const requestOtp = requestOtpUseCase(phoneVerificationDependencies());

export const handler = httpHandler(async (event) => {
  const { phone, language } = parseJsonBody(event, otpRequest);
  const sent = await requestOtp({ phone, language, source: viewerAddress(event) });
  return jsonResponse(202, sent);
});
