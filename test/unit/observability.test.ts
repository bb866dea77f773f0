/** Every function runs inside the observed chain: a trace, the logger's context, its metrics. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionCatalog } from '../../functions/catalog';

const functionsDir = path.join(import.meta.dirname, '..', '..', 'functions');

describe('observability of every function', () => {
  it('wraps each handler in httpHandler or observed (tracer, logger context, metrics)', () => {
    const unwrapped = Object.values(functionCatalog)
      .map((spec) => ({ entry: spec.entry, source: readFileSync(path.join(functionsDir, `${spec.entry}.ts`), 'utf8') }))
      .filter(({ source }) => !/export const handler = (httpHandler|observed)\(/.test(source))
      .map(({ entry }) => entry);
    expect(unwrapped).toEqual([]);
  });
});
