/** ?limit=&cursor= for paginated lists: 20 by default, 100 at most. */
import * as z from 'zod';
import type { HttpEvent } from './http';
import { InvalidRequestError } from '../domain/errors';
import { fieldErrorsOf } from './http-errors';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

export const pageRequestOf = (event: HttpEvent) => {
  const parsed = pageQuery.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new InvalidRequestError('The paging parameters are invalid.', fieldErrorsOf(parsed.error));
  return parsed.data;
};
