/** Workflow task: a complaint's timer is due; apply what it was for. */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { timerTask } from './wiring';

const fireTimer = timerTask();
const input = z.object({ trackingNumber: z.string().min(1), timerSeq: z.number().int().positive() });

export const handler = observed(
  async (event: unknown) => {
    const { trackingNumber, timerSeq } = input.parse(event);
    return fireTimer(trackingNumber, timerSeq);
  },
  { correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber },
);
