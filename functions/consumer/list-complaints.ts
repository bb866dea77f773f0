/** GET /v1/consumer/complaints (consumer session): the consumer's own complaints, newest first. */
import { consumerOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { consumerComplaints } from './wiring';

const listComplaints = consumerComplaints();

export const handler = httpHandler(async (event) =>
  jsonResponse(200, await listComplaints(consumerOf(event), pageRequestOf(event))),
);
