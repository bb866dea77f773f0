/** POST /v1/consumer/complaints/{trackingNumber}/{action} (consumer session): confirm, dispute, reopen, withdraw, rate. */
import * as z from 'zod';
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { consumerActions, parseAction } from '../complaints/actions';
import { parseTrackingNumber } from '../domain/tracking-number';
import { consumerAction } from './wiring';

const perform = consumerAction();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const consumerId = consumerOf(event);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const { action, details } = parseAction(
    consumerActions,
    event.pathParameters?.action ?? '',
    event.body ? parseJsonBody(event, z.unknown()) : {},
  );
  return idempotent(event, context, `consumer:${consumerId}`, async () =>
    jsonResponse(
      200,
      await perform({ trackingNumber, by: 'consumer', owns: (c) => c.consumerId === consumerId, action, details }),
    ),
  );
});
