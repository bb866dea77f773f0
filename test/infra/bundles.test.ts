/**
 * Each function's bundle, built as CDK builds it (infra/constructs/ccms-function.ts), loads at its
 * cold start only the AWS SDK clients of the services its grants let it call: the SDK is the
 * runtime's, so every client a bundle names is a `require` that costs import time. It stays small
 * by the same means: zod imported as a namespace, so esbuild keeps only what is used, and no
 * tracing library (Lambda's active tracing records the invocation; README "Observability").
 */
import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionCatalog, type FunctionId } from '../../functions/catalog';
import { functionBundling } from '../../infra/constructs/ccms-function';
import { serviceOfSdkPackage, servicesOf } from './deployed-bundles';

const root = path.join(import.meta.dirname, '..', '..');

const bundleOf = async (functionId: FunctionId) => {
  const result = await build({
    entryPoints: [path.join(root, 'functions', `${functionCatalog[functionId].entry}.ts`)],
    bundle: true,
    write: false,
    outfile: 'index.js',
    platform: 'node',
    format: functionBundling.format,
    target: functionBundling.target,
    minify: functionBundling.minify,
    external: [...functionBundling.externalModules],
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs);
  const zod = inputs
    .filter(([input]) => input.includes('node_modules/zod/'))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return {
    packages: [...new Set(inputs.map(([input]) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]))].filter(
      (name) => name !== undefined,
    ),
    required: [...new Set([...code.matchAll(/require\("(@aws-sdk\/[^"]+)"\)/g)].map((match) => match[1]!))].sort(),
    zodBytes: zod,
  };
};

describe('each function’s bundle', () => {
  const functionIds = Object.keys(functionCatalog) as FunctionId[];

  it.each(functionIds)(
    '%s requires only the SDK clients of the services it may call, and a trimmed zod',
    async (functionId) => {
      const { required, zodBytes } = await bundleOf(functionId);
      const allowed = servicesOf(functionId);
      const unneeded = required.filter(
        (sdkPackage) => !allowed.includes(serviceOfSdkPackage[sdkPackage] ?? sdkPackage),
      );
      expect(unneeded, `grants allow: ${allowed.join(', ') || 'no AWS service'}`).toEqual([]);
      // zod's whole namespace (its 40 locales included) is about 250 KB; the parts a function uses
      // are under 60, or 75 with toJSONSchema (serveOpenApi).
      expect(zodBytes).toBeLessThan(80 * 1024);
    },
  );

  it.each(functionIds)('%s carries no tracing SDK (no X-Ray SDK, no OpenTelemetry)', async (functionId) => {
    const { packages } = await bundleOf(functionId);
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((name) => /xray|x-ray|opentelemetry|powertools\/tracer/i.test(name))).toEqual([]);
  });
});
