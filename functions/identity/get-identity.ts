/** GET /v1/identity: whether this consumer has verified their identity (so the form can skip the step). */
import { consumerOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { identityStatus as identityStatusOf } from './wiring';

const identityStatus = identityStatusOf();

export const handler = httpHandler(async (event) => jsonResponse(200, await identityStatus(consumerOf(event))));
