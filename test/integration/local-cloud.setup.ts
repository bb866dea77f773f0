/**
 * Starts one local cloud (one DynamoDB Local) for the whole integration run, exactly as
 * `npm start` does, on a free port and an empty data folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { SeedCredentials } from '../../local/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    localCloudUrl: string;
    dynamoDbEndpoint: string;
    s3Endpoint: string;
    seedCredentials: SeedCredentials;
  }
}

const root = path.join(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccms-it-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx/esm',
      'local/start.ts',
      '--fresh',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--escalation-subscriptions',
      'test/integration/escalation-subscriptions.json',
      // Quiet hours hold only the complaints of merchants a test onboards as quiet-hours-*: the
      // virtual clock's time of day (wherever earlier files left it) decides nothing for the others.
      '--quiet-hours-for',
      'quiet-hours-',
      // Alert rules with small floors, so a test's few filings can raise an alert.
      '--alert-rules',
      'test/integration/alert-rules.json',
    ],
    // Its own process group: DynamoDB Local (a Java process) and everything else it starts stop with it.
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  /** Asks the cloud to stop (SIGINT), and after 10 s ends its whole process group; nothing it started outlives the run. */
  const stopCloud = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group has already ended.
    }
    if (!process.env.CCMS_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The local cloud did not start within 180 s:\n${output}`)),
      180_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /CCMS local cloud ready at (http:\/\/\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The local cloud exited with code ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopCloud();
    throw error;
  });
  project.provide('localCloudUrl', url);
  project.provide(
    'seedCredentials',
    JSON.parse(readFileSync(path.join(dataDir, 'seed-credentials.json'), 'utf8')) as SeedCredentials,
  );
  project.provide('dynamoDbEndpoint', /DynamoDB Local (http:\/\/\S+)/.exec(output)![1]!);
  project.provide('s3Endpoint', /\bS3 (http:\/\/\S+)/.exec(output)![1]!);

  return stopCloud;
}
