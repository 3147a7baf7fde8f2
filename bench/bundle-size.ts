import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { routes } from '../functions/routes.ts';
import { workers } from '../functions/workers.ts';
import { bundling as deployed } from '../infra/functions.ts';
import { round } from './stats.ts';

/** infra's `--alias` arguments (`from=to`), as the JS API takes them. */
const alias = Object.fromEntries(
  deployed.esbuildArgs['--alias'].map((argument) => {
    const [from = '', to = ''] = argument.split('=');
    return [from, to];
  }),
);

/**
 * The esbuild options CDK's NodejsFunction passes for the bundling of infra/functions.ts (ESM, node24, main
 * fields module,main, the require banner, minified, `@aws-sdk/*` left to the Lambda runtime, its aliases) — with no
 * source map: the size measured is the code's.
 */
export const bundling = {
  bundle: true,
  platform: 'node',
  target: deployed.target,
  format: 'esm',
  mainFields: deployed.mainFields,
  banner: { js: deployed.banner },
  minify: deployed.minify,
  sourcemap: false,
  external: deployed.externalModules,
  alias,
  outExtension: { '.js': '.mjs' },
  metafile: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** What infra/functions.ts actually deploys: the same plus a source map without sources (`--enable-source-maps`). */
export const deployedBundling = {
  ...bundling,
  sourcemap: deployed.sourceMap,
  sourcesContent: deployed.sourcesContent,
} as const satisfies BuildOptions;

/**
 * Code no function runs, by the metafile inputs that carry it. zod's JSON-schema conversion: only OpenAPI generation
 * calls it (shared/http/openapi.ts), but zod's classic schemas carry it (`toJSONSchema()`) wherever they go.
 * brotli's JavaScript decoder: fontkit's, for WOFF2 fonts; infra/functions.ts has the bundles take Node's instead.
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
  /** The bundle as deployed, with its .map beside it. */
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
export async function measureBundles({ root, outDir }: { root: string; outDir: string }) {
  const bundles: BundleResult[] = [];
  const inputsOf = new Map<string, [string, number][]>();
  for (const entry of functionEntries()) {
    const outfile = join(outDir, `${entry.name}.mjs`);
    const deployedFile = join(outDir, 'deployed', `${entry.name}.mjs`);
    const entryPoints = [resolve(root, entry.handler)];
    const { metafile } = await build({ ...bundling, absWorkingDir: root, entryPoints, outfile });
    await build({ ...deployedBundling, absWorkingDir: root, entryPoints, outfile: deployedFile, metafile: false });
    const output = Object.entries(metafile.outputs).find(([path]) => resolve(root, path) === outfile)?.[1];
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
  return {
    options: {
      ...bundling,
      note: 'as infra/functions.ts has CDK run esbuild (ESM, node24, require banner, minified, @aws-sdk/* external), without its source map; mapKb is the map deployed beside it',
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
