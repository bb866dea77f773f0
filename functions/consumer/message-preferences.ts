/**
 * GET and PUT /v1/consumer/message-preferences (consumer session): whether the consumer stopped the
 * news that can wait (functions/domain/messages.ts canWait). Deadlines, proposals, settlements,
 * escalation, hearings and decisions always go.
 */
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { systemClock } from '../domain/clock';
import { messagePreferenceRequest } from '../domain/messages';
import { messagePreferences } from './wiring';

const preferences = messagePreferences();

export const handler = httpHandler(async (event) => {
  const consumerId = consumerOf(event);
  if (event.httpMethod === 'PUT') {
    const { stopNonEssential } = parseJsonBody(event, messagePreferenceRequest);
    await preferences.set(consumerId, stopNonEssential, systemClock.now().toISOString());
    return jsonResponse(200, { stopNonEssential });
  }
  return jsonResponse(200, { stopNonEssential: await preferences.stopsNonEssential(consumerId) });
});
