/** Case-record workflow task: writes the case's formal record as it stood at a timeline entry ({trackingNumber, version}). */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { caseRecordIssue } from './wiring';

const issue = caseRecordIssue();
const input = z.object({ trackingNumber: z.string().min(1).max(40), version: z.number().int().positive().optional() });

export const handler = observed(
  async (event: unknown) => {
    const { trackingNumber, version } = input.parse(event);
    return issue(trackingNumber, version);
  },
  {
    correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber,
  },
);
