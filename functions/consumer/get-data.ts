/** GET /v1/consumer/data (consumer session opened in the last 10 minutes): everything kept about the consumer, a page of complaints at a time, to download. */
import { consumerSessionOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { consumerData } from './wiring';

const data = consumerData();

export const handler = httpHandler(async (event) =>
  jsonResponse(200, await data(consumerSessionOf(event), pageRequestOf(event))),
);
