/**
 * Builds the open-data files by complaint, on a schedule (monthly, on the 2nd; functions/catalog.ts
 * scheduledFunctions): the month that ended a month before, and the two before it, whose outcomes
 * still move. Bounded by the run's time; a month not reached is logged, for an operator's invoke,
 * which may name the months to rebuild: `{"months": ["2026-05"]}` (none after the last publishable).
 */
import * as z from 'zod';
import { logger } from '../commons/logger';
import { observed } from '../commons/telemetry';
import { openDataMonthPattern } from '../domain/open-data';
import { openDataBuild } from './wiring';

const build = openDataBuild();
/** The schedule's event (EventBridge's, with no months), or an operator's naming the months. */
const scoped = z.looseObject({ months: z.array(z.string().regex(openDataMonthPattern)).min(1).max(24).optional() });

/** Time kept back from the run's end: a month of a million complaints and the index. */
const reserveMs = 5 * 60_000;

export const handler = observed(async (event: unknown, context) => {
  const scope = scoped.safeParse(event ?? {});
  // An operator's mistyped month builds nothing, rather than the default months unasked.
  if (!scope.success)
    throw new Error(`Name the months as {"months": ["YYYY-MM", ...]} (1 to 24): ${scope.error.message}`);
  const result = await build(() => context.getRemainingTimeInMillis() > reserveMs, scope.data.months);
  logger.info('Open data by complaint was built', {
    months: result.built.map(({ month, rows, districtsWithheld }) => ({ month, rows, districtsWithheld })),
  });
  if (result.left.length > 0) logger.warn('Open-data months left for the next run', { left: result.left });
  return result;
});
