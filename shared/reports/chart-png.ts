import { readFileSync } from 'node:fs';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { documentFonts } from '../documents/fonts.ts';
import { type PackageFile, packageFile } from '../package-files.ts';
import { type ChartSize, chartFontFamily, chartSvg } from './chart.ts';
import type { ReportChart, ReportDocument } from './document.ts';

/**
 * The chart as a PNG, for the mail clients that show no SVG (Gmail, Outlook): the SVG rasterized by resvg compiled
 * to WebAssembly — the same file on x86 and on Lambda's arm64 — with the Noto Sans SC the PDFs use, so Chinese
 * labels render (docs/decisions/report-charts.md). A deployed function finds the WebAssembly next to its bundle
 * (shared/package-files.ts).
 */
export const rasterizerFile: PackageFile = { package: '@resvg/resvg-wasm', path: 'index_bg.wasm' };

let ready: Promise<void> | undefined;
const rasterizer = () => (ready ??= initWasm(readFileSync(packageFile(rasterizerFile))));

/** `scale` 2: sharp on high-density screens, shown at `size` by the e-mail's img width. */
export async function chartPng(
  chart: ReportChart,
  size: ChartSize,
  language: ReportDocument['language'] = 'en',
  scale = 2,
): Promise<Uint8Array> {
  await rasterizer();
  const { regular, bold } = documentFonts();
  const svg = new Resvg(chartSvg(chart, size, language), {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontBuffers: [regular, bold], defaultFontFamily: chartFontFamily, sansSerifFamily: chartFontFamily },
  });
  const image = svg.render();
  try {
    return image.asPng();
  } finally {
    image.free();
    svg.free();
  }
}
