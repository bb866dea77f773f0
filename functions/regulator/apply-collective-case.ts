/** Collective-case workflow task ({caseId}): brings every member's case in line with the collective case's hearings and decision. */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { collectiveCaseIdPattern } from '../domain/collective-cases';
import { collectiveCaseRun } from './wiring';

const run = collectiveCaseRun();
const input = z.object({ caseId: z.string().regex(collectiveCaseIdPattern) });

export const handler = observed(async (event: unknown) => run(input.parse(event).caseId), {
  correlationId: (event) => (event as { caseId?: unknown }).caseId,
});
