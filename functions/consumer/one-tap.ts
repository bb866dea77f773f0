/**
 * POST /v1/one-tap {code} and POST /v1/one-tap/{action} {code, ...} (public: the code from the SMS's
 * link is the proof): what a one-tap link offers, and acting with it (functions/domain/one-tap.ts).
 * The code comes in the body, never in a path or query, so no log holds it.
 */
import * as z from 'zod';
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { oneTapRequest } from '../domain/one-tap';
import { oneTap } from './wiring';

const { open, act } = oneTap();

export const handler = httpHandler(async (event) => {
  const action = event.pathParameters?.action;
  if (action === undefined) return jsonResponse(200, await open(parseJsonBody(event, oneTapRequest)));
  // The body as sent (own keys only, `__proto__` included, so the action's strict schema refuses it), less the code.
  const { code } = parseJsonBody(event, z.looseObject(oneTapRequest.shape));
  const sent = parseJsonBody(event, z.unknown()) as Record<string, unknown>;
  const body = Object.fromEntries(Object.entries(sent).filter(([key]) => key !== 'code'));
  return jsonResponse(200, await act({ code, action, body }));
});
