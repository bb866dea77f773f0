/** Workflow task: the morning after quiet hours, sends a consumer SMS that was held overnight. */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { heldSmsTask } from './wiring';

const sendHeldSms = heldSmsTask();
const input = z.object({
  trackingNumber: z.string().min(1),
  seq: z.number().int().positive(),
});

export const handler = observed(
  async (event: unknown) => {
    const { trackingNumber, seq } = input.parse(event);
    return sendHeldSms(trackingNumber, seq);
  },
  { correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber },
);
