/**
 * Builds the web app with esbuild (already the project's bundler for functions, and offline):
 * Preact, one entry, a chunk per page loaded on first visit, hashed file names (cached for ever),
 * and index.html pointing at them. `buildWeb({watch: true})` rebuilds on every change.
 */
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = path.dirname(fileURLToPath(import.meta.url));
export const webDist = path.join(webRoot, 'dist');

const options = (outdir: string): esbuild.BuildOptions => ({
  entryPoints: { main: path.join(webRoot, 'src/main.tsx') },
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  minify: true,
  sourcemap: false,
  metafile: true,
  target: ['chrome100', 'firefox100', 'safari15'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});

/** index.html with the hashed entry script and stylesheet. */
const writeIndex = async (outDir: string, metafile: esbuild.Metafile) => {
  const outputs = Object.keys(metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((file) => /^main-.*\.js$/.test(file));
  const style = outputs.find((file) => /^main-.*\.css$/.test(file));
  if (!script || !style) throw new Error(`The web build made no main script or stylesheet: ${outputs.join(', ')}`);
  const html = (await readFile(path.join(webRoot, 'index.html'), 'utf8'))
    .replace('/assets/main.js', `/assets/${script}`)
    .replace('/assets/main.css', `/assets/${style}`);
  await writeFile(path.join(outDir, 'index.html'), html);
};

/** What the pages learn from the site they are served by: the region the panels sign their requests for. */
import type { SiteConfig } from './src/site-config';

export type { SiteConfig };

/**
 * Builds into `outDir` (web/dist by default; each local cloud builds into its own data folder),
 * with `config.json` when the site is known (the local cloud writes it; a deployment adds its own).
 */
export const buildWeb = async ({
  outDir = webDist,
  watch = false,
  site,
}: {
  outDir?: string;
  watch?: boolean;
  site?: SiteConfig;
} = {}) => {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, 'assets'), { recursive: true });
  if (site) await writeFile(path.join(outDir, 'config.json'), JSON.stringify(site));
  const config = options(path.join(outDir, 'assets'));
  if (!watch) {
    const result = await esbuild.build(config);
    await writeIndex(outDir, result.metafile!);
    return result.metafile!;
  }
  const context = await esbuild.context({
    ...config,
    plugins: [
      {
        name: 'index',
        setup: (build) => build.onEnd((result) => (result.metafile ? writeIndex(outDir, result.metafile) : undefined)),
      },
    ],
  });
  await context.watch();
  return undefined;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const watch = process.argv.includes('--watch');
  const outArg = process.argv.indexOf('--out');
  const outDir = outArg > 0 ? path.resolve(process.argv[outArg + 1]!) : webDist;
  await buildWeb({ outDir, watch });
  console.log(watch ? `Watching web/src; builds go to ${outDir}` : `Built the web app into ${outDir}`);
}
