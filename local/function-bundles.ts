/**
 * Bundles every function of the catalog as CDK's NodejsFunction does (esbuild, CommonJS, the AWS
 * SDK left to the runtime), so the local cloud runs the code that deploys, each bundle in its own
 * sandbox. Written under node_modules/.cache, where the bundles' `@aws-sdk/*` imports resolve.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { functionCatalog, type FunctionId } from '../functions/catalog';

const root = path.join(import.meta.dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'ccms-local-functions');

export interface FunctionBundles {
  worker: string;
  functions: Record<FunctionId, string>;
  /** Deletes the bundles. */
  remove(): void;
}

/** One folder per local cloud, so `npm start` and a test run never load each other's half-written bundles. */
export const buildFunctionBundles = async (): Promise<FunctionBundles> => {
  const bundlesDir = path.join(cacheDir, String(process.pid));
  const entryPoints: Record<string, string> = {
    'function-worker': path.join(import.meta.dirname, 'function-worker.ts'),
  };
  for (const [functionId, spec] of Object.entries(functionCatalog))
    entryPoints[functionId] = path.join(root, 'functions', `${spec.entry}.ts`);
  await build({
    entryPoints,
    outdir: bundlesDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // As NodejsFunction on Node.js 22: the SDK comes from the runtime, here from node_modules.
    external: ['@aws-sdk/*'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  const functions = Object.fromEntries(
    Object.keys(functionCatalog).map((functionId) => [functionId, path.join(bundlesDir, `${functionId}.cjs`)]),
  );
  return {
    worker: path.join(bundlesDir, 'function-worker.cjs'),
    functions: functions as Record<FunctionId, string>,
    remove: () => rmSync(bundlesDir, { recursive: true, force: true }),
  };
};
