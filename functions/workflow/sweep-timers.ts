/**
 * The sweeper, run on a schedule (every 15 minutes; functions/catalog.ts scheduledFunctions): finds
 * open complaints whose current timer fell due over 15 minutes ago and still stands, which means no
 * execution fired it (one failed for good, was stopped by hand, or never started because its change
 * was set aside), and gives each a live execution (functions/workflow/rearm.ts). Bounded: at most
 * 100 a run, the oldest first; idempotent: a timer whose execution still runs (retrying its task) is
 * left alone. Each one rearmed is counted (TimersRearmed), which an alarm watches: something lost
 * them, and someone should find out what.
 *
 * Each run then replays up to 20 changes per stream consumer from its set-aside queue
 * (functions/workflow/redrive.ts), as `npm run ops -- redrive` does; the queue's alarm has already
 * told the operator, and stays on while something there keeps failing.
 */
import * as z from 'zod';
import { timeoutSecondsOf } from '../catalog';
import { observed } from '../commons/telemetry';
import { logger } from '../commons/logger';
import { setAsideRedrive, timerSweep } from './wiring';

const sweep = timerSweep();
const redriveSetAside = setAsideRedrive();
/** The schedule's event has no `trackingNumbers`: all overdue timers. An operator's invoke may name some. */
const scoped = z.object({ trackingNumbers: z.array(z.string().max(40)).max(1000) });

/** Time a replay may need: the longest a stream consumer may run, and a margin to report. */
const replayReserveMs = (timeoutSecondsOf('onComplaintChange') + 15) * 1000;

export const handler = observed(async (event: unknown, context) => {
  const scope = scoped.safeParse(event);
  const swept = await sweep(scope.success ? scope.data : undefined);
  if (swept.rearmed.length > 0) logger.warn('Timers without a live execution were rearmed', swept);
  // The schedule's run also replays what the stream consumers set aside; an operator's scoped run does not.
  if (scope.success) return swept;
  const replays = await redriveSetAside(() => context.getRemainingTimeInMillis() > replayReserveMs);
  if (replays.length > 0)
    logger.warn('Changes the stream consumers set aside were tried again', {
      replayed: replays.filter((replay) => replay.outcome === 'REPLAYED').length,
      replays,
    });
  return { ...swept, replays };
});
