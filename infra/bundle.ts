import { copyFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { bundledName } from '../shared/package-files.ts';
import { packageFilesOf } from './package-files.ts';
import { repoRoot } from './paths.ts';

/** Lambda's Node.js runs ESM bundles; a few CommonJS dependencies still call require(). */
const esmRequireBanner = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Package modules the bundles take from elsewhere, by path from the repository root (the build's working
 * directory): fontkit's WOFF2 decoder is Node's (shared/documents/brotli.ts) rather than 475 KB of JavaScript.
 */
const aliases = { 'brotli/decompress.js': './shared/documents/brotli.ts' };

/** zod's modules of its JSON-schema conversion (`toJSONSchema`, `fromJSONSchema` and their processors). */
const zodJsonSchemaModule = /[\\/]node_modules[\\/]zod[\\/].*json-schema[^\\/]*\.js$/;

/** The namespace of their stand-ins: the metafile and the source map name them `<namespace>:node_modules/zod/…`. */
const stubNamespace = 'zod-json-schema-left-out';

/** What a stand-in throws, when anything calls it: no function does (bench/bundle-size.ts `neverRun`). */
export const leftOutMessage = 'is left out of the function bundles (infra/bundle.ts): only OpenAPI generation runs it';

/** The module every stand-in imports its thrower from (one copy per bundle). */
const leftOutHelper = 'left-out';
const leftOutHelperModule = `export function leftOut(name) { return function () { throw new Error("zod's " + name + " ${leftOutMessage}"); }; }`;

/**
 * The stand-in for one of zod's JSON-schema modules: the same named exports, each a function that throws
 * `leftOutMessage` when called (or constructed); the `create…` factories return such a function, since zod calls
 * them before any conversion is asked for (`createStandardJSONSchemaMethod` whenever a schema's `~standard` is read,
 * as Standard Schema validators do) and only what they return converts. The export names are the real module's, read
 * by importing it, so that every importer links.
 */
async function leftOutModule(path: string) {
  const names = Object.keys(await import(pathToFileURL(path).href)).sort();
  return [
    `import { leftOut } from ${JSON.stringify(leftOutHelper)};`,
    ...names.map((name, i) =>
      name.startsWith('create')
        ? `const e${i} = function () { return leftOut(${JSON.stringify(name)}); };`
        : `const e${i} = leftOut(${JSON.stringify(name)});`,
    ),
    `export { ${names.map((name, i) => `e${i} as ${JSON.stringify(name)}`).join(', ')} };`,
  ].join('\n');
}

/**
 * zod's classic schemas reach its JSON-schema conversion (up to 17.5 KB minified) through relative imports inside the
 * package: each type wires its converter into its constructor, and every schema has `toJSONSchema()`. No esbuild
 * option replaces a relative import, so this plugin resolves those modules to stand-ins (`leftOutModule`).
 */
export const withoutZodJsonSchema: Plugin = {
  name: 'without-zod-json-schema',
  setup(esbuild) {
    esbuild.onResolve({ filter: /json-schema/ }, (args) => {
      if (args.namespace !== 'file' || !args.path.startsWith('.')) return undefined;
      const path = resolve(args.resolveDir, args.path);
      if (!zodJsonSchemaModule.test(path)) return undefined;
      // By its path from the repository root: the bundle and its map name no directory of the machine.
      return { path: relative(repoRoot, path).replaceAll('\\', '/'), namespace: stubNamespace };
    });
    esbuild.onResolve({ filter: new RegExp(`^${leftOutHelper}$`), namespace: stubNamespace }, (args) => ({
      path: args.path,
      namespace: stubNamespace,
    }));
    esbuild.onLoad({ filter: /.*/, namespace: stubNamespace }, async (args) => ({
      contents: args.path === leftOutHelper ? leftOutHelperModule : await leftOutModule(join(repoRoot, args.path)),
      loader: 'js',
    }));
  },
};

/**
 * How one handler (a path from the repository root) is bundled for its function: one minified ES module for Node 24
 * with the `require` banner, a source map without sources (stack traces need the mappings only; a small map loads
 * fast at cold start), `@aws-sdk/*` left to the Lambda runtime, the aliases, and zod's JSON-schema conversion left
 * out. bench/ measures the same bundles; the caller adds where to write (`outfile`).
 */
export function functionBuildOptions(handler: string) {
  return {
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, handler)],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: esmRequireBanner },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: ['@aws-sdk/*'],
    alias: aliases,
    plugins: [withoutZodJsonSchema],
    logLevel: 'warning',
  } satisfies BuildOptions;
}

/**
 * A function's code in `outDir`, as deployed: `index.mjs` with its map, and beside them the package files its handler
 * needs at run time (fonts, WebAssembly: infra/package-files.ts), copied from the repository's node_modules.
 */
export async function bundleFunction(handler: string, outDir: string) {
  const result = await build({ ...functionBuildOptions(handler), outfile: join(outDir, 'index.mjs') });
  for (const file of packageFilesOf(handler)) {
    copyFileSync(join(repoRoot, 'node_modules', file.package, file.path), join(outDir, bundledName(file)));
  }
  return result;
}

// `node infra/bundle.ts <handler> <outDir>`: what infra/functions.ts runs for each function, locally or in Docker.
if (import.meta.main) {
  const [handler, outDir] = process.argv.slice(2);
  if (!handler || !outDir) {
    console.error('usage: node infra/bundle.ts <handler path from the repository root> <output directory>');
    process.exit(2);
  }
  await bundleFunction(handler, resolve(outDir));
}
