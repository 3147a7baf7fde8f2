import { escapeHtml } from '../mail/layout.ts';
import type { ReportChart, ReportDocument } from './document.ts';

/**
 * A report's chart as SVG (R41), drawn on the server: pure and deterministic, the same chart and size give the same
 * bytes. Mail clients that show no SVG get it as a PNG (chart-png.ts), rasterized from this very SVG.
 * Text widths are estimated (no font is measured here): CJK characters a full em, Latin about half.
 */
export type ChartSize = { width: number; height: number };

type Language = ReportDocument['language'];

export const chartFontFamily = 'Noto Sans Hans';
const fontFamily = `'${chartFontFamily}','Noto Sans SC','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif`;
export const seriesColours = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0891b2', '#64748b', '#db2777'];

const pad = 12;
const titleSize = 17;
const labelSize = 13;
const legendSize = 14;
const maxLabelWidth = 110;
/** Labels this wide (days, months) may be thinned out and stay understood; names may not. */
const shortLabel = 48;
const noData = { 'zh-CN': '无数据', en: 'No data' } satisfies Record<Language, string>;

const wide = (char: string) => (char.codePointAt(0) ?? 0) >= 0x2e80;
function textWidth(text: string, size: number) {
  let width = 0;
  for (const char of text)
    width += wide(char) ? 1 : /[A-Z%@#MW]/.test(char) ? 0.68 : /[\s.,:;'|!il1]/.test(char) ? 0.3 : 0.56;
  return width * size;
}

/** Cuts a label to `max` wide (its whole text stays in the table and the spreadsheet). */
function fitText(text: string, size: number, max: number) {
  if (textWidth(text, size) <= max) return text;
  let cut = '';
  for (const char of text) {
    if (textWidth(`${cut}${char}…`, size) > max) break;
    cut += char;
  }
  return `${cut.trimEnd()}…`;
}

/** Decimal steps without binary noise: 0.1 × 3 is 0.3. */
const tidy = (n: number) => Number(n.toPrecision(12));

/**
 * An axis over the values in 1, 2, 2.5 or 5 × 10ⁿ steps, about five of them. From zero for bars (a bar's length is
 * its value); a line's axis may start nearer its values, where the change it shows is seen.
 */
export function niceScale(values: readonly number[], { zero = true, steps = 5 } = {}) {
  const floor = zero || values.length === 0 ? [0] : [];
  let low = Math.min(...floor, ...values);
  let high = Math.max(...floor, ...values);
  if (high === low) {
    // One value (or none): a band around it, or from zero to one.
    const half = Math.abs(high) * 0.1 || 1;
    if (low !== 0) low -= half;
    high += half;
  }
  const rough = (high - low) / steps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * power >= rough - 1e-12 * power) ?? 10) * power;
  const first = Math.floor(low / step + 1e-9);
  const count = Math.ceil(high / step - 1e-9) - first;
  const ticks = Array.from({ length: count + 1 }, (_, i) => tidy((first + i) * step));
  return { min: ticks[0] ?? 0, max: ticks[count] ?? 1, step: tidy(step), ticks };
}

const r = (n: number) => Math.round(n * 10) / 10;
const text = (x: number, y: number, content: string, attributes = '') =>
  `<text x="${r(x)}" y="${r(y)}"${attributes ? ` ${attributes}` : ''}>${escapeHtml(content)}</text>`;

/** Legend entries laid out left to right, wrapping to a new row when the width is used up. */
function legend(names: readonly string[], width: number, top: number) {
  const items: string[] = [];
  let x = pad;
  let y = top;
  names.forEach((name, i) => {
    const label = fitText(name, legendSize, width / 2);
    const itemWidth = 16 + textWidth(label, legendSize) + 16;
    if (x > pad && x + itemWidth > width - pad) {
      x = pad;
      y += legendSize + 8;
    }
    items.push(
      `<rect x="${r(x)}" y="${r(y - legendSize + 2)}" width="10" height="10" rx="2" fill="${seriesColours[i % seriesColours.length]}"/>`,
      text(x + 16, y, label, `font-size="${legendSize}" fill="#374151"`),
    );
    x += itemWidth;
  });
  return { svg: items.join(''), bottom: y };
}

/**
 * How the category labels stay readable: horizontal when they fit their band, thinned out (every k-th) when they are
 * short (31 days: the ones between are understood); longer ones (30 customers' names) turned 45°, or upright when 45°
 * would crowd them, and thinned out only when even upright they do not fit.
 */
function categoryLabels(categories: readonly string[], plotWidth: number) {
  const band = plotWidth / Math.max(categories.length, 1);
  const labels = categories.map((c) => fitText(c, labelSize, maxLabelWidth));
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, labelSize)));
  const line = labelSize * 1.25;
  if (widest + 6 <= band) return { labels, angle: 0, every: 1, height: labelSize + 8, overhang: 0 };
  if (widest <= shortLabel) {
    return { labels, angle: 0, every: Math.ceil((widest + 8) / band), height: labelSize + 8, overhang: 0 };
  }
  if (line <= band * Math.SQRT1_2) {
    const reach = widest * Math.SQRT1_2;
    return { labels, angle: 45, every: 1, height: reach + labelSize + 8, overhang: reach };
  }
  return { labels, angle: 90, every: Math.ceil(line / band), height: widest + 12, overhang: 0 };
}

export function chartSvg(chart: ReportChart, size: ChartSize, language: Language = 'en') {
  const { width, height } = size;
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  parts.push(
    text(
      pad,
      pad + titleSize,
      fitText(chart.title, titleSize, width - 2 * pad),
      `font-size="${titleSize}" font-weight="bold" fill="#111827"`,
    ),
  );
  const key = legend(
    chart.series.map((s) => s.name),
    width,
    pad + titleSize + 10 + legendSize,
  );
  parts.push(key.svg);

  const values = chart.series.flatMap((s) => s.values.slice(0, chart.categories.length).filter(Number.isFinite));
  const scale = niceScale(values, { zero: chart.kind === 'bar' });
  const format = new Intl.NumberFormat(language, { notation: 'compact', maximumSignificantDigits: 3 });
  const tickLabels = scale.ticks.map((t) => format.format(t));
  const count = chart.categories.length;
  const groupShare = chart.series.length > 1 ? 0.8 : 0.6;
  // Values written on the bars when there are few and they are wide (the plot's width estimated before it is laid out).
  const barWidth = ((count > 0 ? (width - 3 * pad) / count : 0) * groupShare) / Math.max(chart.series.length, 1);
  const valueLabels = chart.kind === 'bar' && count * chart.series.length <= 12 && barWidth >= 24;
  const top = key.bottom + 14 + (chart.unit ? labelSize + 8 : 0) + (valueLabels ? labelSize + 2 : 0);
  const right = width - pad - 4;
  let left = pad + Math.max(...tickLabels.map((t) => textWidth(t, labelSize))) + 8;
  let axis = categoryLabels(chart.categories, right - left);
  if (axis.overhang) {
    // The first label hangs to the left of its tick: room for it.
    left = Math.max(left, pad + axis.overhang - (right - left) / chart.categories.length / 2);
    axis = categoryLabels(chart.categories, right - left);
  }
  const bottom = height - pad - axis.height;
  const plotHeight = bottom - top;
  const y = (v: number) => bottom - ((v - scale.min) / (scale.max - scale.min)) * plotHeight;

  if (chart.unit) parts.push(text(pad, top - 12, chart.unit, `font-size="${labelSize}" fill="#6b7280"`));
  scale.ticks.forEach((tick, i) => {
    const ty = y(tick);
    parts.push(
      `<line x1="${r(left)}" y1="${r(ty)}" x2="${r(right)}" y2="${r(ty)}" stroke="${tick === 0 ? '#9ca3af' : '#e5e7eb'}" stroke-width="1"/>`,
      text(
        left - 6,
        ty + labelSize * 0.35,
        tickLabels[i] ?? '',
        `font-size="${labelSize}" fill="#6b7280" text-anchor="end"`,
      ),
    );
  });

  if (values.length === 0) {
    parts.push(
      text(
        (left + right) / 2,
        top + plotHeight / 2,
        noData[language],
        `font-size="${legendSize}" fill="#6b7280" text-anchor="middle"`,
      ),
    );
  }
  const band = (right - left) / Math.max(count, 1);
  const centre = (i: number) => left + band * (i + 0.5);

  if (values.length > 0 && chart.kind === 'bar') {
    const group = band * groupShare;
    const bar = group / chart.series.length;
    const gap = bar > 6 ? 1 : 0;
    chart.series.forEach((series, s) => {
      const colour = seriesColours[s % seriesColours.length];
      for (let i = 0; i < count; i++) {
        const value = series.values[i];
        if (value === undefined || !Number.isFinite(value)) continue;
        const x = centre(i) - group / 2 + s * bar;
        const [y1, y2] = value >= 0 ? [y(value), y(0)] : [y(0), y(value)];
        parts.push(
          `<rect x="${r(x + gap / 2)}" y="${r(y1)}" width="${r(Math.max(bar - gap, 1))}" height="${r(Math.max(y2 - y1, value === 0 ? 0 : 1))}" fill="${colour}"/>`,
        );
        if (valueLabels) {
          // Above the bar, or above the zero line when it goes down: clear of the category labels.
          parts.push(
            text(
              x + bar / 2,
              y1 - 4,
              format.format(value),
              `font-size="${labelSize}" fill="#374151" text-anchor="middle"`,
            ),
          );
        }
      }
    });
  }
  if (values.length > 0 && chart.kind === 'line') {
    chart.series.forEach((series, s) => {
      const colour = seriesColours[s % seriesColours.length];
      // A missing value breaks the line rather than drawing a slope through it.
      let path = '';
      let drawing = false;
      const dots: string[] = [];
      for (let i = 0; i < count; i++) {
        const value = series.values[i];
        if (value === undefined || !Number.isFinite(value)) {
          drawing = false;
          continue;
        }
        path += `${drawing ? 'L' : 'M'}${r(centre(i))} ${r(y(value))}`;
        drawing = true;
        if (count <= 40) dots.push(`<circle cx="${r(centre(i))}" cy="${r(y(value))}" r="2.5" fill="${colour}"/>`);
      }
      parts.push(
        `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
        ...dots,
      );
    });
  }

  axis.labels.forEach((label, i) => {
    if (i % axis.every !== 0) return;
    const x = centre(i);
    parts.push(
      `<line x1="${r(x)}" y1="${r(bottom)}" x2="${r(x)}" y2="${r(bottom + 4)}" stroke="#9ca3af" stroke-width="1"/>`,
    );
    parts.push(
      axis.angle === 0
        ? text(x, bottom + labelSize + 6, label, `font-size="${labelSize}" fill="#374151" text-anchor="middle"`)
        : `<text transform="translate(${r(axis.angle === 45 ? x + 3 : x + labelSize * 0.35)} ${r(bottom + 8)}) rotate(-${axis.angle})" font-size="${labelSize}" fill="#374151" text-anchor="end">${escapeHtml(label)}</text>`,
    );
  });

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}" role="img" aria-label="${escapeHtml(chart.title)}">${parts.join('')}</svg>`;
}
