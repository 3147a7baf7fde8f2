import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { documentFontFiles } from '../shared/documents/fonts.ts';
import type { PackageFile } from '../shared/package-files.ts';
import { rasterizerFile } from '../shared/reports/chart-png.ts';
import { repoRoot } from './paths.ts';

/**
 * The modules that read files of npm packages at run time, by path from the repository root, and those files: a
 * function whose handler reaches one of them gets the files copied next to its bundle (shared/package-files.ts).
 */
export const fileReaders: ReadonlyMap<string, readonly PackageFile[]> = new Map([
  ['shared/documents/fonts.ts', Object.values(documentFontFiles)],
  ['shared/reports/chart-png.ts', [rasterizerFile]],
]);

/**
 * The relative specifiers a module imports or re-exports for its code: `import … from './x.ts'`, `import './x.ts'`,
 * `export … from './x.ts'` (each at the start of a line, as the formatter writes them) and `import('./x.ts')`.
 * `import type` and `export type` leave nothing in the bundle and are not followed; package specifiers (`zod`,
 * `node:fs`) are not the repository's. Comments are not stripped (a string holding a slash and a star, as an Accept
 * header's any-type does, would mislead that): a commented-out line starts with `//` or `*` and does not match, and a
 * dynamic import in a comment at worst adds a module.
 */
export function relativeImports(source: string): string[] {
  const statics = /^[ \t]*(?:import|export)\s+(type\s+)?(?:[^'";]*?\bfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  const dynamics = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  return [
    ...[...source.matchAll(statics)].filter((match) => !match[1]).map((match) => match[2] as string),
    ...[...source.matchAll(dynamics)].map((match) => match[1] as string),
  ];
}

const sources = new Map<string, string>();
/** A module of the repository by its path from the root, read once per process: a synth asks for ~100 handlers. */
const repositorySource = (module: string) => {
  let source = sources.get(module);
  if (source === undefined) {
    source = readFileSync(join(repoRoot, module), 'utf8');
    sources.set(module, source);
  }
  return source;
};

/**
 * Every module of the repository the handler reaches through relative imports, the handler included, as paths
 * from the repository root. `read` gives a module's source by that path (the repository's files by default).
 */
export function reachableModules(handler: string, read: (module: string) => string = repositorySource): Set<string> {
  const reached = new Set<string>();
  const pending = [normalize(handler)];
  for (let module = pending.pop(); module !== undefined; module = pending.pop()) {
    if (reached.has(module)) continue;
    reached.add(module);
    for (const specifier of relativeImports(read(module))) {
      pending.push(relative('.', join(dirname(module), specifier)));
    }
  }
  return reached;
}

/** The package files a handler's bundle needs beside it: those of every reader it reaches, once each. */
export function packageFilesOf(handler: string, read?: (module: string) => string): PackageFile[] {
  const reached = reachableModules(handler, read);
  const files = [...fileReaders].filter(([reader]) => reached.has(reader)).flatMap(([, files]) => files);
  return [...new Map(files.map((file) => [`${file.package}/${file.path}`, file])).values()];
}
