/** POST /v1/otp/verify {phone, code}: checks the code and opens a consumer session. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { otpVerification } from '../domain/otp';
import { verifyOtpUseCase } from './use-cases';
import { codeCheckDependencies } from './wiring';

const verifyOtp = verifyOtpUseCase(codeCheckDependencies());

export const handler = httpHandler(async (event) =>
  jsonResponse(200, await verifyOtp(parseJsonBody(event, otpVerification))),
);
