/** `npm run bench` replaces measured.json (what `npm run cost` reads) only when it measured everything the cost model needs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measuredFile, missingCostInputs } from '../bench/report.setup';

describe('the bench report', () => {
  it('finds nothing missing in the committed measurements', () => {
    expect(missingCostInputs(JSON.parse(readFileSync(measuredFile, 'utf8')).counts)).toEqual([]);
  });

  it('names what a partial run (the stream file alone) did not measure', () => {
    expect(missingCostInputs({})).toEqual(['functions', 'http', 'signIn', 'trackingRead', 'statisticsRead', 'path:*']);
    expect(missingCostInputs({ functions: {}, http: {}, signIn: {}, trackingRead: {}, statisticsRead: {} })).toEqual([
      'path:*',
    ]);
  });
});
