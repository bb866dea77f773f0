/** Case-record workflow task: writes the case's formal record as it stands ({trackingNumber}). */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { caseRecordIssue } from './wiring';

const issue = caseRecordIssue();
const input = z.object({ trackingNumber: z.string().min(1).max(40) });

export const handler = observed(async (event: unknown) => issue(input.parse(event).trackingNumber), {
  correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber,
});
