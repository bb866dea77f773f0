/** Workflow task: a complaint's timer is due; apply what it was for. */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { timerTask } from './wiring';

const fireTimer = timerTask();
const input = z.object({
  trackingNumber: z.string().min(1),
  timerSeq: z.number().int().positive(),
  // Executions started before waits were capped carry neither: they wait until the due time.
  wakeAt: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a time')
    .optional(),
  round: z.number().int().nonnegative().optional(),
});

export const handler = observed(
  async (event: unknown) => {
    const { trackingNumber, timerSeq, wakeAt, round } = input.parse(event);
    return fireTimer(trackingNumber, timerSeq, wakeAt === undefined ? undefined : { wakeAt, round: round ?? 0 });
  },
  { correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber },
);
