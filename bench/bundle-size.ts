import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { routes } from '../functions/routes.ts';
import { workers } from '../functions/workers.ts';
import { bundleFunction, functionBuildOptions } from '../infra/bundle.ts';
import { round } from './stats.ts';

/**
 * A handler bundled as infra/bundle.ts bundles it for its function (ESM, node24, main fields module,main, the require
 * banner, minified, `@aws-sdk/*` left to the Lambda runtime, the aliases, zod's JSON-schema conversion left out) —
 * with no source map and a metafile: the size measured is the code's, and the metafile says what fills it.
 */
export const measuredBuild = (handler: string) =>
  ({ ...functionBuildOptions(handler), sourcemap: false, metafile: true }) satisfies BuildOptions;

/**
 * Code no function runs, by the metafile inputs that carry it. zod's JSON-schema conversion: only OpenAPI generation
 * calls it (shared/http/openapi.ts), but zod's classic schemas carry it (`toJSONSchema()`) wherever they go;
infra/bundle.ts puts stand-ins in its place, which the metafile names `zod-json-schema-left-out:node_modules/zod/…`.
 * brotli's JavaScript decoder: fontkit's, for WOFF2 fonts; infra/bundle.ts has the bundles take Node's instead.
 */
export const neverRun = [
  { name: "zod's JSON-schema conversion", inputs: /^node_modules\/zod\/.*json-schema/ },
  { name: "brotli's JavaScript decoder", inputs: /^node_modules\/brotli\// },
];

export type FunctionEntry = { name: string; kind: 'route' | 'worker'; handler: string };

/** Every function CDK deploys: one per route, one per worker. */
export function functionEntries(): FunctionEntry[] {
  return [
    ...routes.map((route) => ({ name: route.operationId, kind: 'route' as const, handler: route.handler })),
    ...workers.map((worker) => ({ name: worker.name, kind: 'worker' as const, handler: worker.handler })),
  ];
}

export type BundleResult = FunctionEntry & {
  /** The bundle without source map. */
  file: string;
  /** The bundle as deployed (infra/bundle.ts `bundleFunction`), with its .map and its package files beside it. */
  deployedFile: string;
  bytes: number;
  kb: number;
  gzipKb: number;
  /** The source map infra deploys with it. */
  mapKb: number;
  /** The KB of each kind of `neverRun` code the bundle holds, by name; none when it holds none. */
  neverRunKb: Record<string, number>;
};

export type InputShare = { input: string; bytes: number; kb: number; share: number };

/** `node_modules/@middy/core/index.js` → `@middy/core`; the repository's own files stay whole. */
export function packageOf(input: string) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? '(this repository)';
}

function shares(entries: [string, number][], total: number, top: number): InputShare[] {
  return entries
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([input, bytes]) => ({ input, bytes, kb: round(bytes / 1024, 1), share: round(bytes / total, 3) }));
}

/** Bundles every function into `outDir` (one .mjs each) and reports sizes and what fills the largest bundle. */
export async function measureBundles({ outDir }: { outDir: string }) {
  const bundles: BundleResult[] = [];
  const inputsOf = new Map<string, [string, number][]>();
  for (const entry of functionEntries()) {
    const outfile = join(outDir, `${entry.name}.mjs`);
    const deployedDir = join(outDir, 'deployed', entry.name);
    const deployedFile = join(deployedDir, 'index.mjs');
    const options = measuredBuild(entry.handler);
    const { metafile } = await build({ ...options, outfile });
    await bundleFunction(entry.handler, deployedDir);
    const output = Object.entries(metafile.outputs).find(
      ([path]) => resolve(options.absWorkingDir, path) === outfile,
    )?.[1];
    if (!output) throw new Error(`esbuild wrote no ${outfile}`);
    const neverRunKb: Record<string, number> = {};
    for (const { name, inputs } of neverRun) {
      const bytes = Object.entries(output.inputs)
        .filter(([input]) => inputs.test(input))
        .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
      if (bytes > 0) neverRunKb[name] = round(bytes / 1024, 1);
    }
    bundles.push({
      ...entry,
      file: outfile,
      deployedFile,
      bytes: output.bytes,
      kb: round(output.bytes / 1024, 1),
      gzipKb: round(gzipSync(readFileSync(outfile)).length / 1024, 1),
      mapKb: round(statSync(`${deployedFile}.map`).size / 1024, 1),
      neverRunKb,
    });
    inputsOf.set(
      entry.name,
      Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]),
    );
  }
  const biggest = bundles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const inputs = inputsOf.get(biggest.name) ?? [];
  const byPackage = new Map<string, number>();
  for (const [input, bytes] of inputs) byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytes);
  const { absWorkingDir: _, entryPoints: __, plugins, ...options } = measuredBuild('');
  return {
    options: {
      ...options,
      plugins: plugins.map((plugin) => plugin.name),
      note: 'as infra/bundle.ts bundles each function for infra/functions.ts (ESM, node24, require banner, minified, @aws-sdk/* external, zod JSON-schema conversion left out), without its source map; mapKb is the map deployed beside it',
    },
    bundles,
    largest: {
      name: biggest.name,
      bytes: biggest.bytes,
      byPackage: shares([...byPackage], biggest.bytes, 10),
      topInputs: shares(inputs, biggest.bytes, 15),
    },
  };
}
