/** Every context has the same shape: handler (parse, authenticate, call one use case) -> use case on ports -> adapters wired once per context. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionCatalog } from '../../functions/catalog';

const functionsDir = path.join(import.meta.dirname, '..', '..', 'functions');
const handlers = Object.values(functionCatalog).map((spec) => ({
  entry: spec.entry,
  source: readFileSync(path.join(functionsDir, `${spec.entry}.ts`), 'utf8'),
}));

describe('how each context is wired', () => {
  it('has a wiring module in every context that has a handler', () => {
    const contexts = [...new Set(handlers.map(({ entry }) => entry.split('/')[0]!))];
    expect(contexts.filter((context) => !existsSync(path.join(functionsDir, context, 'wiring.ts')))).toEqual([]);
  });

  it('builds no adapter and reads no configuration in a handler: its context wiring does', () => {
    const wiringInHandlers = handlers
      .filter(({ source }) =>
        /\bnew [A-Za-z]*(DynamoDb|Kms|Sns|Ses|StepFunctions|Dns|Guarded|Http|Fixture)[A-Za-z]*\(|loadConfig\(|from '\.\.\/adapters\/(?!table-design)/.test(
          source,
        ),
      )
      .map(({ entry }) => entry);
    expect(wiringInHandlers).toEqual([]);
  });

  it('narrows a signed principal to its role in one place (access/wiring.ts)', () => {
    const narrowing = handlers.filter(({ source }) => /principal\.role ===/.test(source)).map(({ entry }) => entry);
    expect(narrowing).toEqual([]);
  });
});
