/**
 * POST /v1/consumer/erasure (consumer session opened in the last 10 minutes): erases what is kept
 * about the consumer, while there is time in this invocation; IN_PROGRESS asks to be called again.
 */
import { consumerSessionOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { consumerErasure } from './wiring';

const erase = consumerErasure();

/** What an invocation keeps for its answer: the rest of the complaints wait for the next request. */
const reserveMs = 8_000;

export const handler = httpHandler(async (event, context) =>
  jsonResponse(200, await erase(consumerSessionOf(event), () => context.getRemainingTimeInMillis() > reserveMs)),
);
