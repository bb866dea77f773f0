/**
 * POST /v1/complaints/precheck: the filing's pre-checks without filing, all refusals at once, so a
 * form can explain them before the consumer submits. 200 `{ acceptable, refusals }`.
 */
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { precheckRequest } from '../domain/complaint';
import { filingPrecheck } from './wiring';

const precheck = filingPrecheck();

export const handler = httpHandler(async (event) =>
  jsonResponse(200, await precheck(parseJsonBody(event, precheckRequest), consumerOf(event))),
);
