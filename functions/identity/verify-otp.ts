/** POST /v1/otp/verify {phone, code}: checks the code and opens a consumer session. */
import { z } from 'zod';
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { verifyOtpUseCase } from './use-cases';
import { phoneVerificationDependencies } from './wiring';

const verifyOtp = verifyOtpUseCase(phoneVerificationDependencies());
const body = z.strictObject({
  phone: z.string({ error: 'give your mobile number' }).max(40),
  code: z.string({ error: 'give the 6-digit code' }).regex(/^\d{6}$/, 'the code has 6 digits'),
});

export const handler = httpHandler(async (event) => jsonResponse(200, await verifyOtp(parseJsonBody(event, body))));
