/**
 * A stage's own alert rules (context `alertRulesFile`, locally `npm start -- --alert-rules FILE`):
 * checked as the evaluation checks them (functions/domain/alerts.ts), so a wrong file fails the
 * synth, not the scheduled run; given to the evaluation as compact JSON in its environment.
 */
import { readFileSync } from 'node:fs';
import { parseAlertRules } from '../functions/domain/alerts';

/** A Lambda function's whole environment holds 4 KB: the rules take at most this much of it. */
const alertRulesMaxBytes = 2048;

/** The stage's alert rules as compact JSON, checked at synth; undefined for the platform's own. */
export const alertRulesFromFile = (file: string | undefined): string | undefined => {
  if (file === undefined) return undefined;
  if (typeof file !== 'string' || file === '') throw new Error('alertRulesFile must be a file path');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`alertRulesFile ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const compact = JSON.stringify({ rules: parseAlertRules(json) });
  if (Buffer.byteLength(compact) > alertRulesMaxBytes)
    throw new Error(
      `alertRulesFile ${file} is ${Buffer.byteLength(compact)} bytes as compact JSON; a function's environment takes at most ${alertRulesMaxBytes}`,
    );
  return compact;
};
