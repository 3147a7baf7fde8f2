import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file that a module reads at run time from an npm package (a font, a WebAssembly binary): esbuild bundles code,
 * not such files, so infra/bundle.ts copies them next to the bundle of each function whose handler reaches the
 * module that reads them (infra/package-files.ts). `path` is inside the package; the copy is named by its last part.
 */
export type PackageFile = { package: string; path: string };

/** The name of the file next to the bundle: the last part of its path in the package. */
export const bundledName = (file: PackageFile) => basename(file.path);

/**
 * Where to read `file`: next to the running module first — in a deployed Lambda every module is the one bundle,
 * `index.mjs`, and the file was copied beside it — in the package otherwise (the repository, tests, the offline
 * stack). The package is looked up in the node_modules directories Node would search, by path, so that a package's
 * `exports` need not list the file.
 */
export function packageFile(file: PackageFile): string {
  const beside = fileURLToPath(new URL(bundledName(file), import.meta.url));
  if (existsSync(beside)) return beside;
  for (const modules of createRequire(import.meta.url).resolve.paths(file.package) ?? []) {
    const inPackage = join(modules, file.package, file.path);
    if (existsSync(inPackage)) return inPackage;
  }
  throw new Error(`${file.package}/${file.path} is neither next to the bundle nor in node_modules`);
}
