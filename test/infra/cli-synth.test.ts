/**
 * `cdk synth` through the real CDK CLI, as an operator runs it. The CLI resolves an environment
 * (a region always, us-east-1 when none is configured; an account with credentials), so the
 * templates differ from `new App()`'s: cdk-nag's findings then name the region and account, and an
 * acknowledgement written for the placeholders would stop matching and fail synthesis. AWS
 * Control Tower's proactive controls (CloudFormation Guard) run in the same synth.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');
const cdk = path.join(root, 'node_modules', '.bin', 'cdk');
const outputs: string[] = [];
afterAll(() => {
  for (const output of outputs) rmSync(output, { recursive: true, force: true });
});

/** Runs the CLI with only the environment variables named (and PATH/HOME), so the machine's own AWS settings cannot leak in. */
const synth = (args: string[], environment: Record<string, string>) =>
  new Promise<{ code: number | null; output: string; directory: string }>((resolve) => {
    const directory = mkdtempSync(path.join(tmpdir(), 'ccms-cli-synth-'));
    outputs.push(directory);
    const child = spawn(cdk, ['synth', '--quiet', '--output', directory, ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        // No credentials and no instance metadata to ask: the CLI must not wait on the network.
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: path.join(directory, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(directory, 'no-credentials'),
        ...environment,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output, directory }));
  });

const errorsIn = (output: string) => output.split('\n').filter((line) => /\bERROR\b|\[Error/.test(line));

describe('cdk synth through the CLI', () => {
  it('synthesizes production with an explicit account and region and the full production context', async () => {
    const { code, output, directory } = await synth(
      [
        '-c',
        'stage=prod',
        '-c',
        'identityGatewayUrl=https://nid-gateway.example.gov.bd/v1',
        '-c',
        'identityGatewayApiKeySecret=ccms/nid-gateway-key',
        '-c',
        'emailDomain=ccms.example.gov.bd',
        '-c',
        'siteUrl=https://ccms.example.gov.bd',
        '-c',
        'siteCertificateArn=arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        '-c',
        'evidenceMalwareScan=true',
        '-c',
        `escalationSubscriptionsFile=${path.join('test', 'integration', 'escalation-subscriptions.json')}`,
      ],
      { AWS_REGION: 'ap-south-1', CDK_DEFAULT_ACCOUNT: '111122223333', CDK_DEFAULT_REGION: 'ap-south-1' },
    );
    expect(errorsIn(output), output).toEqual([]);
    expect(code, output).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; environment?: string }>;
    };
    const stacks = Object.entries(manifest.artifacts).filter(
      ([, artifact]) => artifact.type === 'aws:cloudformation:stack',
    );
    expect(stacks.map(([name, artifact]) => [name, artifact.environment])).toEqual(
      expect.arrayContaining([
        ['Ccms-prod-Data', 'aws://111122223333/ap-south-1'],
        ['Ccms-prod-Functions', 'aws://111122223333/ap-south-1'],
        ['Ccms-prod-Api', 'aws://111122223333/ap-south-1'],
        ['Ccms-prod-Web', 'aws://111122223333/ap-south-1'],
      ]),
    );
    // The regulators' subscriptions came from the file, multi-line JSON and all.
    const data = readFileSync(path.join(directory, 'Ccms-prod-Data.template.json'), 'utf8');
    expect(data).toContain('dncrp-dhaka@regulator.test');
    // Control Tower's proactive controls ran on every stack and passed, each exception acknowledged with its reason.
    const report = JSON.parse(readFileSync(path.join(directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; conclusion: string; suppressedViolations?: { reason: string }[] }[];
    };
    const guard = report.pluginReports.find((plugin) => plugin.pluginName === 'cdk-validator-cfnguard');
    expect(guard?.conclusion).toBe('success');
  }, 300_000);

  it('synthesizes the default stage as the CLI does with no account and no region configured', async () => {
    // Only the web stack is bundled: the functions' bundles are proven by the production synth above.
    const { code, output } = await synth(['Ccms-dev-Web', '--exclusively'], {});
    expect(errorsIn(output), output).toEqual([]);
    expect(code, output).toBe(0);
  }, 300_000);
});
