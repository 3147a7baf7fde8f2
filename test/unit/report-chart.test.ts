import { describe, expect, it } from 'vitest';
import { chartSvg, niceScale, seriesColours } from '../../shared/reports/chart.ts';
import { chartPng } from '../../shared/reports/chart-png.ts';
import type { ReportChart } from '../../shared/reports/document.ts';
import { decodePng } from '../file-formats.ts';

/** R41: a report's charts are drawn on the server, as SVG and as the PNG that mail clients show. */
const size = { width: 600, height: 340 };
const days = Array.from({ length: 31 }, (_, i) => `12-${String(i + 1).padStart(2, '0')}`);
const daily: ReportChart = {
  kind: 'bar',
  title: '每日销售额 Daily sales',
  unit: 'CNY',
  categories: days,
  series: [
    { name: '本月', values: days.map((_, i) => 20_000 + (i % 7) * 5_000) },
    { name: '上月', values: days.map((_, i) => 18_000 + (i % 5) * 4_000) },
  ],
};
const customers = Array.from({ length: 30 }, (_, i) => `广州门窗系统有限公司 第${i + 1}厂`);

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const bars = (svg: string) => [
  ...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill="(#[0-9a-f]+)"\/>/g),
];

describe('the axis of a chart (R41)', () => {
  it('runs in 1, 2, 2.5 or 5 × 10ⁿ steps from zero for bars, about five of them', () => {
    expect(niceScale([20_000, 57_000])).toEqual({
      min: 0,
      max: 60_000,
      step: 20_000,
      ticks: [0, 20_000, 40_000, 60_000],
    });
    expect(niceScale([3, 7, 12]).ticks).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
    expect(niceScale([0.3, 0.7]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it('reaches below zero for negative values, and from zero to one when everything is zero or there is nothing', () => {
    expect(niceScale([3, 0, -1]).ticks).toEqual([-1, 0, 1, 2, 3]);
    expect(niceScale([0, 0]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceScale([]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("starts a line's axis near its values, where the change shows, and puts a band around a single value", () => {
    expect(niceScale([85, 95.2], { zero: false }).ticks).toEqual([85, 87.5, 90, 92.5, 95, 97.5]);
    expect(niceScale([90, 90], { zero: false }).ticks).toEqual([80, 85, 90, 95, 100]);
  });
});

describe('a chart as SVG (R41)', () => {
  it('is the same bytes for the same chart, sized as asked, with title, legend, unit and tick labels', () => {
    const svg = chartSvg(daily, size, 'zh-CN');
    expect(chartSvg(daily, size, 'zh-CN')).toBe(svg);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="600" height="340" viewBox="0 0 600 340"/,
    );
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['每日销售额 Daily sales', '本月', '上月', 'CNY', '0', '1万', '5万']),
    );
    expect(texts(chartSvg(daily, size, 'en'))).toEqual(expect.arrayContaining(['0', '10K', '50K']));
  });

  it('groups the bars of several series per category, one colour per series', () => {
    const svg = chartSvg(daily, size);
    const drawn = bars(svg).filter((b) => b[3] !== '#ffffff');
    expect(drawn.filter((b) => b[3] === seriesColours[0])).toHaveLength(31);
    expect(drawn.filter((b) => b[3] === seriesColours[1])).toHaveLength(31);
  });

  it('thins out 31 short day labels rather than letting them overlap', () => {
    const labels = texts(chartSvg(daily, size)).filter((t) => /^12-\d\d$/.test(t ?? ''));
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.length).toBeLessThan(31);
    expect(labels[0]).toBe('12-01');
  });

  it("turns 30 customers' names upright and shortens them, each still labelled", () => {
    const chart: ReportChart = {
      kind: 'bar',
      title: 'Orders by customer',
      categories: customers,
      series: [{ name: 'Orders', values: customers.map((_, i) => i) }],
    };
    const svg = chartSvg(chart, size);
    const turned = [...svg.matchAll(/<text transform="translate\([^)]+\) rotate\(-(\d+)\)"[^>]*>([^<]*)</g)];
    expect(turned).toHaveLength(30);
    expect(turned.every((m) => m[1] === '90' && m[2]?.endsWith('…'))).toBe(true);
    // A few categories with long names: turned 45°, whole.
    const few = chartSvg(
      {
        ...chart,
        categories: ['Foshan Hardware', 'Guangzhou Doors', 'Shenzhen Anju'],
        series: [{ name: 'Orders', values: [1, 2, 3] }],
      },
      { width: 300, height: 240 },
    );
    expect([...few.matchAll(/rotate\(-45\)[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      'Foshan Hardware',
      'Guangzhou Doors',
      'Shenzhen Anju',
    ]);
  });

  it('draws zero as no bar, a negative value below the zero line, and writes the values on few wide bars', () => {
    const svg = chartSvg(
      {
        kind: 'bar',
        title: 'Complaints',
        categories: ['Quality', 'Delivery', 'Packing'],
        series: [{ name: 'Complaints', values: [3, 0, -1] }],
      },
      size,
    );
    const [quality, delivery, packing] = bars(svg).filter((b) => b[3] === seriesColours[0]);
    expect(Number(delivery?.[2])).toBe(0);
    expect(Number(quality?.[2])).toBeCloseTo(3 * Number(packing?.[2]), 0);
    expect(Number(packing?.[1])).toBeCloseTo(Number(delivery?.[1]), 0); // the negative bar hangs from the zero line
    expect(texts(svg)).toEqual(expect.arrayContaining(['3', '0', '-1']));
  });

  it('breaks a line where a value is missing, and says there is no data when there is none', () => {
    const line = chartSvg(
      {
        kind: 'line',
        title: 'On time %',
        categories: ['Sep', 'Oct', 'Nov', 'Dec'],
        series: [{ name: '%', values: [90, Number.NaN, 93, 95] }],
      },
      size,
    );
    expect(line).toMatch(/<path d="M[\d.]+ [\d.]+M[\d.]+ [\d.]+L[\d.]+ [\d.]+"/);
    expect(texts(chartSvg({ kind: 'line', title: 'Nothing', categories: [], series: [] }, size, 'zh-CN'))).toContain(
      '无数据',
    );
    expect(
      texts(chartSvg({ kind: 'bar', title: 'Nothing', categories: ['a'], series: [{ name: 'x', values: [] }] }, size)),
    ).toContain('No data');
  });

  it('escapes what it is given', () => {
    const svg = chartSvg(
      { kind: 'bar', title: 'A & B <c>', categories: ['"x"'], series: [{ name: "O'Neil", values: [1] }] },
      size,
    );
    expect(svg).toContain('A &#38; B &#60;c&#62;');
    expect(svg).not.toContain('<c>');
  });
});

// Loading the WebAssembly and 17 MB of fonts takes a while on a busy machine: a time limit of its own, no timing asserted.
describe('a chart as PNG (R41: Gmail and Outlook show no SVG)', { timeout: 60_000 }, () => {
  const hex = (colour: string) => [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));

  it('is the SVG rasterized at twice its size, with the series drawn and Chinese labels in ink', async () => {
    const png = decodePng(await chartPng(daily, size, 'zh-CN'));
    expect([png.width, png.height]).toEqual([1200, 680]);
    const counts = { first: 0, second: 0, ink: 0 };
    const [first, second] = [hex(seriesColours[0] ?? ''), hex(seriesColours[1] ?? '')];
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r = 0, g = 0, b = 0] = png.pixels.subarray(i, i + 3);
      if (r === first[0] && g === first[1] && b === first[2]) counts.first++;
      if (r === second[0] && g === second[1] && b === second[2]) counts.second++;
      if (r + g + b < 200) counts.ink++;
    }
    expect(counts.first).toBeGreaterThan(10_000); // 31 bars of each series
    expect(counts.second).toBeGreaterThan(10_000);
    expect(counts.ink).toBeGreaterThan(1000); // the title's and labels' dark text, Chinese included
    expect(png.pixel(0, 0)).toEqual([255, 255, 255, 255]);
  });

  it('draws Chinese: the title alone in its corner is in ink (a missing glyph would leave it blank)', async () => {
    const title = decodePng(
      await chartPng(
        { ...daily, title: '每日销售额', series: [], categories: [] },
        { width: 240, height: 120 },
        'zh-CN',
      ),
    );
    let dark = 0;
    for (let y = 20; y < 70; y++) for (let x = 20; x < 200; x++) if ((title.pixel(x, y)[0] ?? 255) < 100) dark++;
    expect(dark).toBeGreaterThan(500);
  });
});
