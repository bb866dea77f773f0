/**
 * The end of retention, run on a schedule (hourly; functions/catalog.ts scheduledFunctions): erases
 * the personal data and free text of complaints closed for good more than the stage's retention
 * ago (context `complaintRetentionDays`), as a consumer's erasure request does, and logs each
 * (ERASURE#, reason RETENTION). Bounded by the run's time; what is left waits for the next run.
 * An operator's invoke may name the complaints to consider: `{"trackingNumbers": [...]}`.
 */
import * as z from 'zod';
import { logger } from '../commons/logger';
import { observed } from '../commons/telemetry';
import { expiredComplaintsErasure } from '../complaints/erasure-wiring';

const eraseExpired = expiredComplaintsErasure();
const scoped = z.object({ trackingNumbers: z.array(z.string().max(40)).max(1000) });

/** Time kept back from the run's end: one complaint's erasure and the answer. */
const reserveMs = 30_000;

export const handler = observed(async (event: unknown, context) => {
  const scope = scoped.safeParse(event);
  const result = await eraseExpired(
    () => context.getRemainingTimeInMillis() > reserveMs,
    scope.success ? scope.data.trackingNumbers : undefined,
  );
  logger.info('Complaints past their retention were erased', { erased: result.erased.length, left: result.left });
  if (result.failed.length > 0)
    logger.warn('Complaints past their retention could not be erased yet', { failed: result.failed });
  return result;
});
