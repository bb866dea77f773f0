/** GET /v1/openapi.json (public, cacheable): the API's OpenAPI 3.1 document, built from the route table and the handlers' zod schemas. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { apiDocument } from './wiring';

// Built once per cold start: it changes only with a deploy.
const document = apiDocument();

export const handler = httpHandler(async () =>
  jsonResponse(200, document, { 'cache-control': 'public, max-age=3600, s-maxage=86400' }),
);
