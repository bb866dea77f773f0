/** GET /v1/categories (public, cacheable): the categories a complaint may be filed under, in Bengali and English. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { categoriesUseCase } from './use-cases';

const categories = categoriesUseCase();

/** Categories change with a deploy: a day in caches, and an hour in a browser. */
export const categoriesCacheControl = 'public, max-age=3600, s-maxage=86400';

export const handler = httpHandler(async () =>
  jsonResponse(200, categories(), { 'cache-control': categoriesCacheControl }),
);
