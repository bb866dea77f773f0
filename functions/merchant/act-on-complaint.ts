/** POST /v1/merchant/complaints/{trackingNumber}/{action} (signed merchant): acknowledge, reply, propose-resolution. */
import * as z from 'zod';
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { merchantActions, parseAction } from '../complaints/actions';
import { parseTrackingNumber } from '../domain/tracking-number';
import { merchantAction, merchantAuthentication } from './wiring';

const authenticate = merchantAuthentication();
const perform = merchantAction();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const merchantId = await authenticate(event);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const { action, details } = parseAction(
    merchantActions,
    event.pathParameters?.action ?? '',
    event.body ? parseJsonBody(event, z.unknown()) : {},
  );
  return idempotent(event, context, `merchant:${merchantId}`, async () =>
    jsonResponse(
      200,
      await perform({ trackingNumber, by: 'merchant', owns: (c) => c.merchantId === merchantId, action, details }),
    ),
  );
});
