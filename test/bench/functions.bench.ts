/**
 * `npm run bench` (functions): each function as it deploys (infra/constructs/ccms-function.ts's
 * bundling, with esbuild as CDK runs it) beside its floor, a bundle that only creates the AWS SDK
 * clients of the services its grants allow (functions/bindings.ts). Size: the minified bundle, and
 * the deployed zip (index.js and its source map, deflated). Cold import: a fresh Node.js process
 * `require`s the bundle with the function's environment and
 * times it; the median of several. The alternatives the bundling was decided against are measured
 * the same way: the SDK bundled (ESM, tree-shaken), source maps decoded at run time and zod's whole
 * namespace. (Powertools Tracer with the X-Ray SDK was measured here too until it was left out:
 * README "Observability".)
 */
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { it } from 'vitest';
import { baseEnvironment, bindingEffects } from '../../functions/bindings';
import { functionCatalog, type FunctionId } from '../../functions/catalog';
import { functionBundling } from '../../infra/constructs/ccms-function';
import { deployedResources as placeholders, servicesOf } from '../infra/deployed-bundles';
import { addCounts, addRows, median, ratio, smoke } from './report';

const root = path.join(import.meta.dirname, '..', '..');
const outDir = path.join(root, 'node_modules', '.cache', 'ccms-bench', 'bundles');
const sizeBudgetKb = 150;
const importBudget = 1.5;
const runs = smoke ? 1 : 9;

/** The SDK clients a service's grants call for, as the floor creates them. */
const floorClients: Record<string, string> = {
  dynamodb:
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; clients.push(DynamoDBDocumentClient.from(new DynamoDBClient({})));",
  kms: "import { KMSClient } from '@aws-sdk/client-kms'; clients.push(new KMSClient({}));",
  s3: "import { S3Client } from '@aws-sdk/client-s3'; clients.push(new S3Client({}));",
  states: "import { SFNClient } from '@aws-sdk/client-sfn'; clients.push(new SFNClient({}));",
  sns: "import { SNSClient } from '@aws-sdk/client-sns'; clients.push(new SNSClient({}));",
  ses: "import { SESv2Client } from '@aws-sdk/client-sesv2'; clients.push(new SESv2Client({}));",
  secretsmanager:
    "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'; clients.push(new SecretsManagerClient({}));",
};

const environmentOf = (functionId: FunctionId, sourceMaps: boolean) => {
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'ap-south-1',
    AWS_LAMBDA_FUNCTION_NAME: functionId,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...baseEnvironment,
    ...bindingEffects(functionCatalog[functionId].bindings, placeholders).environment,
  };
  if (sourceMaps) environment.NODE_OPTIONS = '--enable-source-maps';
  return environment;
};

interface Variant {
  /** The SDK left to the runtime (the deployed choice) or bundled, tree-shaken from its ES modules. */
  sdk: 'runtime' | 'bundled';
  /** Stack traces decoded through the source map at run time (NODE_OPTIONS=--enable-source-maps). */
  sourceMaps: boolean;
  /** zod as the code imports it (`* as z`), or its whole namespace (`{ z }`, as before issue 12). */
  zod: 'namespace-import' | 'whole';
}

const deployed: Variant = { sdk: 'runtime', sourceMaps: false, zod: 'namespace-import' };

/** Rewrites `import * as z from 'zod'` back to `import { z } from 'zod'`, to weigh zod's whole namespace. */
const wholeZod: Plugin = {
  name: 'whole-zod',
  setup(builder) {
    builder.onLoad({ filter: /functions\/.*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll("import * as z from 'zod';", "import { z } from 'zod';"),
      loader: 'ts',
    }));
  },
};

const bundle = async (name: string, entry: { file: string } | { contents: string }, variant: Variant) => {
  const dir = path.join(outDir, `${variant.sdk}-${variant.zod}`, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, 'index.js');
  await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts' } }),
    outfile,
    bundle: true,
    platform: 'node',
    format: functionBundling.format,
    target: functionBundling.target,
    minify: functionBundling.minify,
    sourcemap: functionBundling.sourceMap,
    external: variant.sdk === 'runtime' ? [...functionBundling.externalModules] : [],
    // Bundled, the SDK's ES modules let esbuild leave out what a client does not use.
    ...(variant.sdk === 'bundled' && { mainFields: ['module', 'main'] }),
    plugins: variant.zod === 'whole' ? [wholeZod] : [],
    logLevel: 'error',
  });
  const code = readFileSync(outfile);
  const map = readFileSync(`${outfile}.map`);
  // A zip holds each file deflated, plus about 100 bytes of headers per file.
  const zipped = deflateRawSync(code, { level: 9 }).length + deflateRawSync(map, { level: 9 }).length + 200;
  return { outfile, bytes: code.length, zipped };
};

/** Median milliseconds a fresh Node.js process takes to `require` the bundle. */
const coldImportMs = (file: string, environment: Record<string, string>, times = runs) => {
  const script = `const started = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));`;
  const measured: number[] = [];
  for (let run = 0; run < times; run++) {
    const result = spawnSync(process.execPath, ['-e', script], { env: environment, encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(
        `${file} failed to load: ${result.stderr
          .split('\n')
          .filter((line) => /^\w*Error\b/.test(line))
          .join(' / ')
          .slice(0, 500)}`,
      );
    measured.push(Number(result.stdout));
  }
  return median(measured);
};

const floorOf = async (services: string[], variant: Variant) => {
  const contents = [
    'const clients: unknown[] = [];',
    ...services.map((service) => floorClients[service]!),
    'export { clients };',
  ].join('\n');
  return bundle(`floor-${services.join('+') || 'none'}`, { contents }, variant);
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

it('measures each function’s bundle and cold import against its floor', { timeout: 900_000 }, async () => {
  const functionIds = (Object.keys(functionCatalog) as FunctionId[]).filter((_, index) => !smoke || index < 3);
  const results: {
    functionId: FunctionId;
    bytes: number;
    zipped: number;
    importMs: number;
    floorBytes: number;
    floorMs: number;
    services: string[];
  }[] = [];
  const floors = new Map<string, { bytes: number; importMs: number }>();
  for (const functionId of functionIds) {
    const services = servicesOf(functionId).filter((service) => service in floorClients);
    const built = await bundle(
      functionId,
      { file: path.join(root, 'functions', `${functionCatalog[functionId].entry}.ts`) },
      deployed,
    );
    const environment = environmentOf(functionId, deployed.sourceMaps);
    const importMs = coldImportMs(built.outfile, environment);
    const floorKey = services.join('+');
    if (!floors.has(floorKey)) {
      const floor = await floorOf(services, deployed);
      floors.set(floorKey, { bytes: floor.bytes, importMs: coldImportMs(floor.outfile, environment) });
    }
    const floor = floors.get(floorKey)!;
    results.push({
      functionId,
      bytes: built.bytes,
      zipped: built.zipped,
      importMs,
      floorBytes: floor.bytes,
      floorMs: floor.importMs,
      services,
    });
  }
  addRows(
    results.map((result) => {
      const sizeOk = result.bytes <= sizeBudgetKb * 1024;
      const importOk = result.importMs <= importBudget * result.floorMs;
      return {
        section: 'function',
        subject: `${result.functionId} (SDK clients: ${result.services.join(', ') || 'none'})`,
        measured: `${kb(result.bytes)} minified, ${kb(result.zipped)} zipped; cold import ${result.importMs.toFixed(0)} ms`,
        floor: `${kb(result.floorBytes)}; ${result.floorMs.toFixed(0)} ms`,
        versus: `size ${sizeOk ? 'within' : 'over'} ${sizeBudgetKb} KB; import ${ratio(result.importMs, result.floorMs)} (budget ${importBudget}x${importOk ? '' : ', missed'})`,
        how: `esbuild as CDK bundles it; median of ${runs} cold requires in a fresh Node.js ${process.versions.node} process`,
      };
    }),
  );
  addCounts('functions', results);

  // The alternatives, measured on every function the same way (fewer runs each).
  const alternatives: [string, Variant][] = [
    ['the AWS SDK bundled (ESM, tree-shaken), instead of the runtime’s', { ...deployed, sdk: 'bundled' }],
    [
      'source maps decoded at run time (NODE_OPTIONS=--enable-source-maps), as before',
      { ...deployed, sourceMaps: true },
    ],
    ['zod’s whole namespace (`import { z }`), as before', { ...deployed, zod: 'whole' }],
  ];
  const deployedSummary = {
    medianKb: median(results.map((r) => r.bytes)) / 1024,
    maxKb: Math.max(...results.map((r) => r.bytes)) / 1024,
    medianRatio: median(results.map((r) => r.importMs / r.floorMs)),
    medianMs: median(results.map((r) => r.importMs)),
  };
  addRows([
    {
      section: 'function',
      subject: `all ${results.length} functions as deployed (SDK from the runtime, no source maps at run time, zod imported as a namespace, no tracing library)`,
      measured: `median ${deployedSummary.medianKb.toFixed(0)} KB (largest ${deployedSummary.maxKb.toFixed(0)} KB); median cold import ${deployedSummary.medianMs.toFixed(0)} ms`,
      floor: `median ${median(results.map((r) => r.floorMs)).toFixed(0)} ms`,
      versus: `median ${deployedSummary.medianRatio.toFixed(2)}x the floor`,
      how: 'the rows above',
    },
  ]);
  for (const [name, variant] of alternatives) {
    const measured: { bytes: number; importMs: number; floorMs: number }[] = [];
    const variantFloors = new Map<string, number>();
    for (const functionId of functionIds) {
      const services = servicesOf(functionId).filter((service) => service in floorClients);
      const built = await bundle(
        functionId,
        { file: path.join(root, 'functions', `${functionCatalog[functionId].entry}.ts`) },
        variant,
      );
      const environment = environmentOf(functionId, variant.sourceMaps);
      const floorKey = services.join('+');
      if (!variantFloors.has(floorKey))
        variantFloors.set(
          floorKey,
          coldImportMs((await floorOf(services, variant)).outfile, environment, Math.max(1, Math.ceil(runs / 2))),
        );
      measured.push({
        bytes: built.bytes,
        importMs: coldImportMs(built.outfile, environment, Math.max(1, Math.ceil(runs / 2))),
        floorMs: variantFloors.get(floorKey)!,
      });
    }
    addRows([
      {
        section: 'function',
        subject: `alternative: ${name}`,
        measured: `median ${(median(measured.map((m) => m.bytes)) / 1024).toFixed(0)} KB (largest ${(Math.max(...measured.map((m) => m.bytes)) / 1024).toFixed(0)} KB); median cold import ${median(measured.map((m) => m.importMs)).toFixed(0)} ms`,
        floor: `median ${median(measured.map((m) => m.floorMs)).toFixed(0)} ms (its own floor)`,
        versus: `median ${median(measured.map((m) => m.importMs / m.floorMs)).toFixed(2)}x its floor; deployed: ${deployedSummary.medianMs.toFixed(0)} ms`,
        how: `every function, median of ${Math.max(1, Math.ceil(runs / 2))} cold requires each`,
      },
    ]);
  }
});
