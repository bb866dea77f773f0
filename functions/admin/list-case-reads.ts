/** GET /v1/admin/access-log?trackingNumber= | ?regulatorId= (operator): who read which case's personal data, newest first. */
import * as z from 'zod';
import { httpHandler } from '../commons/http';
import { fieldErrorsOf } from '../commons/http-errors';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { InvalidRequestError } from '../domain/errors';
import { parseTrackingNumber } from '../domain/tracking-number';
import { caseReads, operatorOf } from './wiring';

const listCaseReads = caseReads();

const subject = z.union([
  z.object({ trackingNumber: z.string().min(1), regulatorId: z.undefined() }),
  z.object({ regulatorId: z.string().min(1).max(64), trackingNumber: z.undefined() }),
]);

export const handler = httpHandler(async (event) => {
  operatorOf(event);
  const { limit, cursor, ...query } = event.queryStringParameters ?? {};
  const parsed = subject.safeParse(query);
  if (!parsed.success) {
    throw new InvalidRequestError(
      'Ask for one case (?trackingNumber=) or one regulator (?regulatorId=).',
      fieldErrorsOf(parsed.error),
    );
  }
  const page = pageRequestOf(event);
  const about = parsed.data.trackingNumber
    ? { trackingNumber: parseTrackingNumber(parsed.data.trackingNumber) }
    : { regulatorId: parsed.data.regulatorId! };
  return jsonResponse(200, await listCaseReads(about, page));
});
