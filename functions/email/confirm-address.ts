/** POST /v1/email-confirmations {token} (public: the token is the proof): confirms a consumer's email address. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { emailConfirmationRequest } from '../domain/email-confirmation';
import { confirmEmail } from './wiring';

const confirm = confirmEmail();

export const handler = httpHandler(async (event) =>
  jsonResponse(200, await confirm(parseJsonBody(event, emailConfirmationRequest))),
);
