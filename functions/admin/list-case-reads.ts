/** GET /v1/admin/access-log?trackingNumber= | ?regulatorId= (operator): who read which case's personal data, newest first. */
import { z } from 'zod';
import { DynamoDbCaseAccessLog } from '../adapters/dynamodb-access-log';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler } from '../commons/http';
import { fieldErrorsOf } from '../commons/http-errors';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { InvalidRequestError } from '../domain/errors';
import { parseTrackingNumber } from '../domain/tracking-number';
import { operatorOf } from './wiring';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const accessLog = new DynamoDbCaseAccessLog(dynamoDb(), config[envNames.table]);

const subject = z.union([
  z.object({ trackingNumber: z.string().min(1), regulatorId: z.undefined() }),
  z.object({ regulatorId: z.string().min(1).max(64), trackingNumber: z.undefined() }),
]);

export const handler = httpHandler(async (event) => {
  operatorOf(event);
  const { limit, cursor, ...query } = event.queryStringParameters ?? {};
  const parsed = subject.safeParse(query);
  if (!parsed.success) {
    throw new InvalidRequestError('Ask for one case (?trackingNumber=) or one regulator (?regulatorId=).', fieldErrorsOf(parsed.error));
  }
  const page = pageRequestOf(event);
  const found = parsed.data.trackingNumber
    ? await accessLog.byCase(parseTrackingNumber(parsed.data.trackingNumber), page)
    : await accessLog.byRegulator(parsed.data.regulatorId!, page);
  return jsonResponse(200, { reads: found.items, nextCursor: found.nextCursor });
});
