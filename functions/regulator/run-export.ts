/** Case-export workflow task: writes the export's CSV to S3 page by page ({exportId}), or records that it failed ({exportId, failed: true}). */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { exportFailure, exportRun } from './wiring';

const run = exportRun();
const fail = exportFailure();
const input = z.object({ exportId: z.string().regex(/^[0-9a-f]{32}$/), failed: z.literal(true).optional() });

export const handler = observed(
  async (event: unknown) => {
    const { exportId, failed } = input.parse(event);
    return failed ? fail(exportId) : run(exportId);
  },
  { correlationId: (event) => (event as { exportId?: unknown }).exportId },
);
