import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileReaders, packageFilesOf, reachableModules, relativeImports } from '../../infra/package-files.ts';
import { repoRoot } from '../../infra/paths.ts';
import { documentFontFiles } from '../../shared/documents/fonts.ts';
import { rasterizerFile } from '../../shared/reports/chart-png.ts';

/** Which functions carry the fonts and the WebAssembly next to their bundle: what their handler's imports reach. */
const sources = (files: Record<string, string>) => (module: string) => {
  const source = files[module];
  if (source === undefined) throw new Error(`no ${module}`);
  return source;
};

describe('the relative imports of a module', () => {
  it('are its static imports and re-exports, side-effect imports and dynamic imports', () => {
    const source = [
      "import { a } from './a.ts';",
      'import {',
      '  b,',
      '  type B,',
      "} from '../b.ts';",
      "import * as c from './c.ts'",
      "import './d.ts';",
      "export { e } from './e.ts';",
      "export * from './f.ts';",
      "const g = await import('./g.ts');",
      "import h, { i } from './h.ts';",
    ].join('\n');
    expect(relativeImports(source).sort()).toEqual(
      ['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts', './f.ts', './g.ts', './h.ts'].sort(),
    );
  });

  it('leave out type-only imports and exports, packages, comments and strings that only mention a path', () => {
    const source = [
      "import type { A } from './a.ts';",
      "export type { B } from './b.ts';",
      "import { z } from 'zod';",
      "import { readFileSync } from 'node:fs';",
      "// import { c } from './c.ts';",
      "/* import { d } from './d.ts'; */",
      "const path = './e.ts';",
      "const url = 'https://example.com/x';",
    ].join('\n');
    expect(relativeImports(source)).toEqual([]);
  });

  it('are found after strings that look like comments', () => {
    const source = ["const any = '*/*';", "const glob = 'src/**/*.ts';", "import { a } from './a.ts';"].join('\n');
    expect(relativeImports(source)).toEqual(['./a.ts']);
  });
});

describe('the modules a handler reaches', () => {
  const graph = sources({
    'functions/x/handler.ts': "import { render } from '../../shared/render.ts';\nimport { y } from './y.ts';",
    'functions/x/y.ts': "import { handler } from './handler.ts';",
    'shared/render.ts': "import { documentFonts } from './documents/fonts.ts';",
    'shared/documents/fonts.ts': "import { readFileSync } from 'node:fs';",
  });

  it('follow relative paths from each module, through cycles, once each', () => {
    expect([...reachableModules('functions/x/handler.ts', graph)].sort()).toEqual([
      'functions/x/handler.ts',
      'functions/x/y.ts',
      'shared/documents/fonts.ts',
      'shared/render.ts',
    ]);
  });

  it('decide the files: the fonts for a handler that reaches fonts.ts, nothing for one that does not', () => {
    expect(packageFilesOf('functions/x/handler.ts', graph)).toEqual(Object.values(documentFontFiles));
    expect(packageFilesOf('functions/x/y.ts', sources({ 'functions/x/y.ts': "import { z } from 'zod';" }))).toEqual([]);
  });

  it('give the WebAssembly and the fonts, once each, to a handler that draws charts and PDFs', () => {
    const charts = sources({
      'functions/r/handler.ts': "import '../../shared/reports/chart-png.ts';\nimport '../../shared/documents/pdf.ts';",
      'shared/reports/chart-png.ts': "import { documentFonts } from '../documents/fonts.ts';",
      'shared/documents/pdf.ts': "import { documentFonts } from './fonts.ts';",
      'shared/documents/fonts.ts': '',
    });
    const files = packageFilesOf('functions/r/handler.ts', charts);
    expect(files).toHaveLength(3);
    expect(files).toEqual(expect.arrayContaining([...Object.values(documentFontFiles), rasterizerFile]));
  });

  it('name readers that are modules of the repository, and files that their packages hold', () => {
    for (const [reader, files] of fileReaders) {
      expect(existsSync(join(repoRoot, reader)), reader).toBe(true);
      for (const file of files) expect(existsSync(join(repoRoot, 'node_modules', file.package, file.path))).toBe(true);
    }
  });

  it("in the repository: the delivery note's GET reaches the fonts, GET /customers/{id} nothing", () => {
    expect(reachableModules('functions/shipping/get-delivery-note.ts')).toContain('shared/documents/fonts.ts');
    expect(packageFilesOf('functions/shipping/get-delivery-note.ts')).toEqual(Object.values(documentFontFiles));
    expect(packageFilesOf('functions/customers/get.ts')).toEqual([]);
  });
});
