import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/bundle.ts';
import { repoRoot } from '../../infra/paths.ts';

/**
 * The files a deployed function reads at run time (fonts, WebAssembly) are beside its bundle: a bundle made as infra
 * makes a function's (infra/bundle.ts) renders a PDF and a chart in a directory with no node_modules in reach.
 */
const entry = 'test/infra/bundled-renderer.ts';
let dir: string;

/** Every directory from `dir` up to the root, as Node searches them for node_modules. */
const ancestors = (from: string): string[] => (dirname(from) === from ? [from] : [from, ...ancestors(dirname(from))]);

function run(script: string) {
  writeFileSync(join(dir, 'run.mjs'), script);
  return spawnSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

const render = `
import { chartPng, renderDeliveryNote, reportChartSize, sampleDeliveryNote, sampleReport } from './index.mjs';
const pdf = Buffer.from(await renderDeliveryNote(sampleDeliveryNote({ language: 'zh-CN' })));
const chart = sampleReport({ language: 'zh-CN' }).sections.find((section) => section.chart).chart;
const png = Buffer.from(await chartPng(chart, reportChartSize, 'zh-CN', 1));
console.log(JSON.stringify({ pdf: pdf.subarray(0, 5).toString('latin1'), pdfBytes: pdf.length, png: png.subarray(1, 4).toString('latin1') }));
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bundle-files-'));
  await bundleFunction(entry, dir);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a bundle that renders PDFs and charts', () => {
  it('has the fonts and the WebAssembly beside it, copied by bundleFunction', () => {
    expect(readdirSync(dir).sort()).toEqual(
      ['NotoSansHans-Bold.otf', 'NotoSansHans-Regular.otf', 'index.mjs', 'index.mjs.map', 'index_bg.wasm'].sort(),
    );
    expect(statSync(join(dir, 'index_bg.wasm')).size).toBe(
      statSync(join(repoRoot, 'node_modules/@resvg/resvg-wasm/index_bg.wasm')).size,
    );
  });

  it('renders a delivery note and a chart where no node_modules is in reach', () => {
    for (const parent of ancestors(dir)) expect(existsSync(join(parent, 'node_modules')), parent).toBe(false);
    const result = run(render);
    expect(result.stderr).toBe('');
    const { pdf, pdfBytes, png } = JSON.parse(result.stdout);
    expect(pdf).toBe('%PDF-');
    expect(pdfBytes).toBeGreaterThan(10_000);
    expect(png).toBe('PNG');
  });

  it('fails there without the files beside it: nothing else supplies them', () => {
    for (const file of ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf', 'index_bg.wasm']) rmSync(join(dir, file));
    const result = run(render);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('is neither next to the bundle nor in node_modules');
  });
});
