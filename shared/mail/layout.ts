/** The pieces every e-mail is made of: an escaped HTML page and its plain-text twin. */
export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Cell = string | number;
export type MailTable = { columns: readonly string[]; rows: readonly (readonly Cell[])[] };
/** An image the HTML shows (`cid:` of an inline part); the plain text goes without it. */
export type MailImage = { src: string; alt: string; width: number; height: number };

/**
 * A paragraph of text, a link, a table of facts (label and value per row; a statement's figures), a heading, a
 * table with a header row (a report's figures, R41) or an image.
 */
export type Paragraph =
  | string
  | { link: string; label: string }
  | { rows: readonly (readonly [string, string])[] }
  | { heading: string; level?: 1 | 2 }
  | { table: MailTable }
  | { image: MailImage };

/** Mail clients' width: the body reads at 600 px on a desktop and narrows with a phone's screen. */
const width = 600;

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
/** Figures grouped by thousands, as both English and Chinese business documents write them: 12,345.67. */
const cellText = (cell: Cell) => (typeof cell === 'number' ? numberFormat.format(cell) : cell);
/** A column of figures is right-aligned, its heading too. */
const figureColumns = (table: MailTable) =>
  table.columns.map((_, c) => {
    const cells = table.rows.map((row) => row[c]).filter((cell) => cell !== undefined && cell !== '');
    return cells.length > 0 && cells.every((cell) => typeof cell === 'number');
  });

/** Characters as wide as two Latin ones in a fixed-width font (CJK), so that plain-text columns line up. */
const textWidth = (text: string) => [...text].reduce((sum, c) => sum + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);

function tableText(table: MailTable) {
  const figures = figureColumns(table);
  const lines = [table.columns, ...table.rows].map((row) => table.columns.map((_, c) => cellText(row[c] ?? '')));
  const widths = table.columns.map((_, c) => Math.max(...lines.map((line) => textWidth(line[c] ?? ''))));
  const pad = (text: string, c: number) => {
    const fill = ' '.repeat((widths[c] ?? 0) - textWidth(text));
    return figures[c] ? fill + text : text + fill;
  };
  const [header = '', ...body] = lines.map((line) => line.map(pad).join('  ').trimEnd());
  return [header, '-'.repeat(textWidth(header)), ...body].join('\n');
}

function tableHtml(table: MailTable) {
  const figures = figureColumns(table);
  const align = (c: number) => (figures[c] ? 'right' : 'left');
  const head = table.columns
    .map(
      (column, c) =>
        `<th style="text-align:${align(c)};padding:6px 8px;border-bottom:2px solid #d1d5db;background:#f3f4f6;color:#374151;font-weight:600">${escapeHtml(column)}</th>`,
    )
    .join('');
  const body = table.rows
    .map(
      (row, r) =>
        `<tr${r % 2 ? ' style="background:#f9fafb"' : ''}>${table.columns
          .map((_, c) => {
            const cell = row[c] ?? '';
            return `<td style="text-align:${align(c)};padding:4px 8px;border-bottom:1px solid #e5e7eb${typeof cell === 'number' ? ';white-space:nowrap' : ''}">${escapeHtml(cellText(cell))}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  // A table wider than a phone scrolls sideways rather than squeezing its figures.
  return `<div style="overflow-x:auto;margin:8px 0 16px"><table style="border-collapse:collapse;width:100%;font-size:13px;line-height:1.4;overflow-wrap:normal"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const rowsText = (rows: readonly (readonly [string, string])[]) =>
  rows.map(([label, value]) => `${label}: ${value}`).join('\n');
const rowsHtml = (rows: readonly (readonly [string, string])[]) =>
  `<table style="border-collapse:collapse">${rows
    .map(
      ([label, value]) =>
        `<tr><th style="text-align:left;vertical-align:top;font-weight:normal;color:#555;padding:2px 16px 2px 0">${escapeHtml(label)}</th><td style="text-align:right;vertical-align:top;white-space:nowrap;padding:2px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('')}</table>`;

function paragraphText(p: Paragraph) {
  if (typeof p === 'string') return p;
  if ('rows' in p) return rowsText(p.rows);
  if ('heading' in p) return `${p.heading}\n${'='.repeat(textWidth(p.heading))}`;
  if ('table' in p) return tableText(p.table);
  if ('image' in p) return undefined;
  return `${p.label}: ${p.link}`;
}

function paragraphHtml(p: Paragraph) {
  if (typeof p === 'string') return `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  if ('rows' in p) return rowsHtml(p.rows);
  if ('heading' in p) {
    const level = p.level ?? 2;
    return `<h${level} style="font-size:${level === 1 ? 22 : 18}px;line-height:1.3;margin:${level === 1 ? 8 : 24}px 0 8px">${escapeHtml(p.heading)}</h${level}>`;
  }
  if ('table' in p) return tableHtml(p.table);
  if ('image' in p) {
    const { src, alt, width: w, height: h } = p.image;
    // The width attribute for Outlook, which ignores CSS widths; the style lets the image narrow on a phone.
    return `<p><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" width="${w}" height="${h}" style="display:block;width:100%;max-width:${w}px;height:auto;border:0"></p>`;
  }
  return `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`;
}

export type Email = { subject: string; text: string; html: string };

export function composeEmail(subject: string, paragraphs: Paragraph[]): Email {
  const text = paragraphs
    .map(paragraphText)
    .filter((p) => p !== undefined)
    .join('\n\n');
  const body = paragraphs.map(paragraphHtml).join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;overflow-wrap:anywhere"><div style="max-width:${width}px">\n${body}\n</div></body></html>`;
  return { subject, text: `${text}\n`, html };
}
