/** `npm run smoke` against the local cloud, as CI runs it against every build: everything passes, nothing is skipped. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './http';
import { seeds } from './signed';

const root = path.join(import.meta.dirname, '..', '..');
const keyOf = (key: { accessKeyId: string; secretAccessKey: string }) => `${key.accessKeyId}:${key.secretAccessKey}`;
const smoke = (...args: string[]) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'smoke', '--', ...args], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });

describe('npm run smoke', () => {
  it('passes every check against the local cloud, a complaint filed by its smoke-test consumer included', {
    timeout: 120_000,
  }, async () => {
    const { code, output } = await smoke(
      '--url',
      baseUrl(),
      '--merchant-key',
      keyOf(seeds().merchants['demo-bazaar']!),
      '--regulator-key',
      keyOf(seeds().regulator),
    );
    expect(output).toMatch(
      /PASS a complaint filed by a smoke-test consumer, seen on its page and by the merchant: \w{5}-\w{5}/,
    );
    expect(output).toContain('PASS asking for a code is challenged by the firewall first');
    expect(output).toContain('PASS a signed regulator call');
    expect(output).toMatch(/\d+ passed, 0 failed, 0 skipped/);
    expect(code, output).toBe(0);
  });

  it('fails, and says so, when a key is wrong', { timeout: 60_000 }, async () => {
    const { code, output } = await smoke('--url', baseUrl(), '--regulator-key', 'CCMSRWRONG:not-the-secret');
    expect(output).toMatch(/FAIL a signed regulator call: the escalated cases: answered 401/);
    expect(output).toContain('SKIP a signed merchant call: no --merchant-key id:secret');
    expect(code).toBe(1);
  });
});
