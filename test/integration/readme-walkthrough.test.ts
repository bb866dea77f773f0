/**
 * The README's walkthrough, run as a reader runs it: its bash block as written, against this local
 * cloud (its address) with a phone of its own, twice in a row. The second run must work as the
 * first did, though the first moved the cloud's clock 17 days and filed with the same merchant.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrl, freshPhone, request } from './http';
import { seeds } from './signed';

const walkthrough = () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('Then, in another terminal:')))?.[1];
  if (!block?.includes('U=localhost:3000')) throw new Error('the README walkthrough was not found');
  return block;
};

/** Where the reader stands: a checkout whose .local holds the seeded credentials. */
const checkout = mkdtempSync(path.join(tmpdir(), 'ccms-walkthrough-'));
mkdirSync(path.join(checkout, '.local'));
writeFileSync(path.join(checkout, '.local', 'seed-credentials.json'), JSON.stringify(seeds()));
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

const run = (script: string) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: checkout, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });

describe('the README walkthrough', () => {
  it('files, settles, reopens and escalates a complaint, and does it again on a second run', {
    timeout: 240_000,
  }, async () => {
    const phone = freshPhone();
    const script = `${walkthrough()
      .replace('U=localhost:3000', `U=${baseUrl()}`)
      .replaceAll('01712-345678', phone)}\necho "__TN=$TN"\n`;
    const filed: string[] = [];
    for (const runNumber of [1, 2]) {
      const { code, output } = await run(script);
      const trackingNumber = /__TN=(\S+)/.exec(output)?.[1];
      expect(code, output.slice(-2000)).toBe(0);
      expect(trackingNumber, `run ${runNumber}: ${output.slice(-2000)}`).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      const complaint = await request('GET', `/v1/complaints/${trackingNumber}`);
      expect(complaint.body.status, `run ${runNumber}`).toBe('ESCALATED');
      expect((complaint.body.timeline as { action: string }[]).map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['FILE', 'NOTIFY_MERCHANT', 'PROPOSE_RESOLUTION', 'AUTO_SETTLE', 'REOPEN', 'ESCALATE']),
      );
      filed.push(trackingNumber!);
    }
    expect(new Set(filed).size).toBe(2);
  });
});
