/**
 * The regulators' alert rules, run on a schedule (functions/catalog.ts scheduledFunctions): reads
 * each merchant's daily counters, raises what holds once per merchant, rule and week, and
 * publishes it on the escalations topic (functions/domain/alerts.ts).
 */
import { logger } from '../commons/logger';
import { observed } from '../commons/telemetry';
import { alertEvaluation } from './wiring';

const evaluate = alertEvaluation();

export const handler = observed(async () => {
  const run = await evaluate();
  logger.info('The alert rules were evaluated', {
    merchants: run.merchants,
    raised: run.raised.length,
    republished: run.republished.length,
  });
  return run;
});
