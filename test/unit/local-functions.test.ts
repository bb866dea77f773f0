/**
 * The local cloud's function sandboxes: each function runs its bundle with exactly the environment
 * it is given and its own modules, as in Lambda, so a missing binding fails here too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionId } from '../../functions/catalog';
import { buildFunctionBundles, type FunctionBundles } from '../../local/function-bundles';
import { LocalFunctions } from '../../local/functions';

describe('local function sandboxes', () => {
  let bundles: FunctionBundles;
  let fixtures: string;
  beforeAll(async () => {
    bundles = await buildFunctionBundles();
    fixtures = mkdtempSync(path.join(tmpdir(), 'ccms-sandbox-'));
    // A handler that reports what it can see: its environment and how often its module was loaded.
    writeFileSync(
      path.join(fixtures, 'probe.cjs'),
      `globalThis.loads = (globalThis.loads ?? 0) + 1;
       exports.handler = async () => ({ environment: Object.keys(process.env).sort(), loads: globalThis.loads, now: Date.now() });`,
    );
  }, 60_000);
  afterAll(() => {
    bundles.remove();
    rmSync(fixtures, { recursive: true, force: true });
  });

  const withProbes = (...functionIds: FunctionId[]): FunctionBundles => ({
    ...bundles,
    functions: {
      ...bundles.functions,
      ...Object.fromEntries(functionIds.map((id) => [id, path.join(fixtures, 'probe.cjs')])),
    },
  });

  it('gives each function exactly its own environment and its own modules', async () => {
    const environments: Partial<Record<FunctionId, Record<string, string>>> = {
      getComplaint: { TABLE_NAME: 'complaints' },
      requestOtp: { TABLE_NAME: 'complaints', SMS_ONLY: 'yes' },
    };
    const functions = new LocalFunctions({
      bundles: withProbes('getComplaint', 'requestOtp'),
      environmentOf: (id) => environments[id]!,
      now: () => Date.UTC(2030, 0, 1),
    });
    try {
      const first = (await functions.invoke('getComplaint', {})) as {
        environment: string[];
        loads: number;
        now: number;
      };
      const second = (await functions.invoke('requestOtp', {})) as { environment: string[]; loads: number };
      const again = (await functions.invoke('getComplaint', {})) as { loads: number };
      expect(first.environment).toEqual(['TABLE_NAME']);
      expect(second.environment).toEqual(['SMS_ONLY', 'TABLE_NAME']);
      // Loaded once per sandbox: the second function did not share the first one's module.
      expect([first.loads, second.loads, again.loads]).toEqual([1, 1, 1]);
      // The sandbox's clock reads the time the invocation was given (the local cloud's virtual time).
      expect(Math.abs(first.now - Date.UTC(2030, 0, 1))).toBeLessThan(5_000);
    } finally {
      await functions.close();
    }
  });

  it('fails the cold start of a function whose binding is missing, and starts afresh once it is given', async () => {
    let environment: Record<string, string> = { AWS_REGION: 'ap-south-1' };
    const functions = new LocalFunctions({ bundles, environmentOf: () => environment, now: () => Date.now() });
    try {
      await expect(
        functions.invoke('getComplaint', { pathParameters: { trackingNumber: 'CCMS-0000-00000' } }),
      ).rejects.toThrow(/Function configuration is invalid[\s\S]*TABLE_NAME/);
      environment = {
        AWS_REGION: 'ap-south-1',
        TABLE_NAME: 'complaints',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      };
      // The new sandbox loads: a malformed tracking number is refused before any table is asked.
      const answer = (await functions.invoke('getComplaint', {
        httpMethod: 'GET',
        headers: {},
        pathParameters: { trackingNumber: 'not-a-number' },
      })) as { statusCode: number };
      expect(answer.statusCode).toBe(400);
    } finally {
      await functions.close();
    }
  }, 30_000);
});
