import { company } from '../domain/company.ts';
import type { Language } from '../schemas/common.ts';
import { documentFonts } from './fonts.ts';

/**
 * A business document as a page layout: the company's letterhead and the document's title and number on every page,
 * the fields of its first page, one table of lines (its header repeated on each page), sections after the table and
 * a row of signature boxes; "page x of y" at the foot. The documents (delivery-note.ts, stock-prep-form.ts,
 * return-note.ts) only say what goes where; this draws it on A4.
 */
export type Field = { label: string; value: string; wide?: boolean };
/** A table's column; `lines`: how many lines of text its cells show at most (default `cellLines`). */
export type Column = { label: string; width: number; align?: 'left' | 'right' | 'center'; lines?: number };
/** A cell: its text, and a second, smaller line (a spec, an order number). */
export type Cell = string | { text: string; note?: string };
export type SignatureBox = { label: string; name?: string; date?: string };

export type BusinessDocument = {
  language: Language;
  /** Always in both languages: the document is recognised by either reader. */
  title: { 'zh-CN': string; en: string };
  number: string;
  /** The day the document bears; also the PDF's creation date, so the same document renders the same bytes. */
  date: string;
  /** Under the title on every page after the first: what the continued table belongs to. */
  reference: string;
  fields: Field[];
  table: { columns: Column[]; rows: Cell[][]; totals?: Cell[] };
  sections: { heading: string; fields: Field[] }[];
  signatures: SignatureBox[];
  labels: { page: (page: number, pages: number) => string; signedBy: string; date: string; continued: string };
};

const A4 = { width: 595.28, height: 841.89 };
const margin = { side: 40, top: 36, bottom: 48 };
export const contentWidth = A4.width - 2 * margin.side;
const ink = '#1a1a1a';
const muted = '#5c5c5c';
const rule = '#8a8a8a';
const shade = '#eeeeee';
const cellPad = 3;
const bodySize = 8.5;
const noteSize = 7;
/**
 * A cell shows at most this many lines of its text unless its column says otherwise; the rest ends in an ellipsis
 * (the order, or the return application, keeps it whole).
 */
const cellLines = 2;

type Doc = PDFKit.PDFDocument;

function textHeight(doc: Doc, text: string, width: number, size: number, lines = Number.POSITIVE_INFINITY) {
  doc.fontSize(size);
  const lineHeight = doc.currentLineHeight(true);
  return Math.min(doc.heightOfString(text || ' ', { width }), lineHeight * lines);
}

function drawText(doc: Doc, text: string, x: number, y: number, width: number, options: PDFKit.Mixins.TextOptions) {
  doc.text(text, x, y, { width, lineBreak: true, ...options });
}

function letterhead(doc: Doc, layout: BusinessDocument, first: boolean) {
  const top = margin.top;
  const left = margin.side;
  doc.fillColor(ink).font('bold').fontSize(13);
  drawText(doc, company.name['zh-CN'], left, top, 300, { lineBreak: false });
  doc.font('regular').fontSize(8.5);
  drawText(doc, company.name.en, left, top + 18, 300, { lineBreak: false });
  doc.fillColor(muted).fontSize(7.5);
  drawText(doc, company.address[layout.language], left, top + 31, 300, { lineBreak: false });
  drawText(doc, `${company.phone} · ${company.email}`, left, top + 42, 300, { lineBreak: false });

  const right = A4.width - margin.side - 230;
  doc.fillColor(ink).font('bold').fontSize(15);
  drawText(doc, `${layout.title['zh-CN']}  ${layout.title.en.toUpperCase()}`, right, top, 230, {
    align: 'right',
    lineBreak: false,
  });
  doc.fontSize(10);
  drawText(doc, `No. ${layout.number}`, right, top + 21, 230, { align: 'right', lineBreak: false });
  doc.font('regular').fontSize(8.5).fillColor(muted);
  drawText(
    doc,
    first ? `${layout.labels.date}: ${layout.date}` : `${layout.reference} · ${layout.labels.continued}`,
    right,
    top + 36,
    230,
    {
      align: 'right',
      lineBreak: false,
    },
  );
  const bottom = top + 56;
  doc
    .moveTo(left, bottom)
    .lineTo(A4.width - margin.side, bottom)
    .lineWidth(1.2)
    .strokeColor(ink)
    .stroke();
  return bottom + 10;
}

const labelWidth = 70;

/** Label/value boxes, two to a row (a wide one takes the row), each row as high as its tallest value. */
function gridRows(doc: Doc, fields: Field[]) {
  const rows: Field[][] = [];
  for (const field of fields) {
    const last = rows.at(-1);
    if (!field.wide && last && last.length === 1 && !last[0]?.wide) last.push(field);
    else rows.push([field]);
  }
  const widthOf = (field: Field, row: Field[]) => (field.wide || row.length === 1 ? contentWidth : contentWidth / 2);
  doc.font('regular');
  return rows.map((row) => ({
    height:
      Math.max(...row.map((f) => textHeight(doc, f.value, widthOf(f, row) - labelWidth - 2 * cellPad, bodySize))) +
      2 * cellPad,
    cells: row.map((field) => ({ field, width: widthOf(field, row) })),
  }));
}

const gridHeight = (doc: Doc, fields: Field[]) => gridRows(doc, fields).reduce((sum, row) => sum + row.height, 0);

function fieldGrid(doc: Doc, fields: Field[], y: number) {
  let top = y;
  for (const { height, cells } of gridRows(doc, fields)) {
    let x = margin.side;
    for (const { field, width } of cells) {
      doc.rect(x, top, labelWidth, height).fillColor(shade).fill();
      doc.rect(x, top, width, height).lineWidth(0.5).strokeColor(rule).stroke();
      doc
        .moveTo(x + labelWidth, top)
        .lineTo(x + labelWidth, top + height)
        .stroke();
      doc.font('regular').fontSize(bodySize).fillColor(muted);
      drawText(doc, field.label, x + cellPad, top + cellPad, labelWidth - 2 * cellPad, { lineBreak: false });
      doc.fillColor(ink);
      drawText(doc, field.value, x + labelWidth + cellPad, top + cellPad, width - labelWidth - 2 * cellPad, {});
      x += width;
    }
    top += height;
  }
  return top;
}

const cellText = (cell: Cell) => (typeof cell === 'string' ? { text: cell, note: undefined } : cell);

function rowHeight(doc: Doc, columns: Column[], cells: Cell[]) {
  return (
    Math.max(
      ...cells.map((cell, i) => {
        const { text, note } = cellText(cell);
        const width = (columns[i]?.width ?? 0) - 2 * cellPad;
        doc.font('regular');
        const main = textHeight(doc, text, width, bodySize, columns[i]?.lines ?? cellLines);
        return note ? main + textHeight(doc, note, width, noteSize, 1) : main;
      }),
    ) +
    2 * cellPad
  );
}

function tableRow(doc: Doc, columns: Column[], cells: Cell[], y: number, style: 'header' | 'body' | 'totals') {
  const height = style === 'header' ? headerHeight(doc, columns) : rowHeight(doc, columns, cells);
  if (style !== 'body') doc.rect(margin.side, y, contentWidth, height).fillColor(shade).fill();
  let x = margin.side;
  cells.forEach((cell, i) => {
    const column = columns[i] as Column;
    const { text, note } = cellText(cell);
    const width = column.width - 2 * cellPad;
    const align = style === 'header' ? 'center' : (column.align ?? 'left');
    doc
      .font(style === 'body' ? 'regular' : 'bold')
      .fontSize(bodySize)
      .fillColor(ink);
    const main = textHeight(doc, text, width, bodySize, column.lines ?? cellLines);
    drawText(doc, text, x + cellPad, y + cellPad, width, { align, height: main, ellipsis: true });
    if (note) {
      doc.font('regular').fontSize(noteSize).fillColor(muted);
      // One line, as rowHeight counts it: a longer note (a kit's components) ends in an ellipsis.
      const height = textHeight(doc, note, width, noteSize, 1);
      drawText(doc, note, x + cellPad, y + cellPad + main, width, { align, height, ellipsis: true });
    }
    x += column.width;
  });
  doc.lineWidth(0.5).strokeColor(rule);
  doc.rect(margin.side, y, contentWidth, height).stroke();
  x = margin.side;
  for (const column of columns.slice(0, -1)) {
    x += column.width;
    doc
      .moveTo(x, y)
      .lineTo(x, y + height)
      .stroke();
  }
  return y + height;
}

function headerHeight(doc: Doc, columns: Column[]) {
  doc.font('bold');
  return Math.max(...columns.map((c) => textHeight(doc, c.label, c.width - 2 * cellPad, bodySize))) + 2 * cellPad;
}

function signatureRow(doc: Doc, boxes: SignatureBox[], labels: BusinessDocument['labels'], y: number) {
  const gap = 8;
  const width = (contentWidth - gap * (boxes.length - 1)) / boxes.length;
  const height = signatureHeight;
  boxes.forEach((box, i) => {
    const x = margin.side + i * (width + gap);
    doc.rect(x, y, width, height).lineWidth(0.5).strokeColor(rule).stroke();
    doc.rect(x, y, width, 16).fillColor(shade).fill();
    doc.rect(x, y, width, height).stroke();
    doc.font('bold').fontSize(bodySize).fillColor(ink);
    drawText(doc, box.label, x + cellPad, y + 4, width - 2 * cellPad, {
      align: 'center',
      lineBreak: false,
      ellipsis: true,
    });
    doc.font('regular').fontSize(bodySize);
    const line = (label: string, value: string | undefined, top: number) => {
      doc.fillColor(muted);
      drawText(doc, `${label}:`, x + 5, top, 40, { lineBreak: false });
      doc.fillColor(ink);
      drawText(doc, value ?? '', x + 44, top, width - 50, { lineBreak: false, ellipsis: true });
      doc
        .moveTo(x + 44, top + 11)
        .lineTo(x + width - 6, top + 11)
        .lineWidth(0.4)
        .strokeColor(rule)
        .stroke();
    };
    line(labels.signedBy, box.name, y + 30);
    line(labels.date, box.date, y + 50);
  });
  return y + height;
}

const signatureHeight = 70;
const pageBottom = A4.height - margin.bottom;

/**
 * Renders the document on A4 pages; resolves with the PDF's bytes. pdfkit (with fontkit, its compression and
 * encryption) is loaded on first use: most invocations of the functions that can render a document answer in JSON or
 * are steps that render nothing, and evaluating it at load took a few hundred ms of their cold start.
 */
export async function renderBusinessDocument(layout: BusinessDocument): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin.top, bottom: 0, left: margin.side, right: margin.side },
    bufferPages: true,
    autoFirstPage: true,
    // No default font: pdfkit would read Helvetica from its data files, and a font given here as bytes is parsed
    // again on every switch to it (it is cached by name only when registered). The registered ones are parsed once.
    font: null as unknown as string,
    info: {
      Title: `${layout.title[layout.language]} ${layout.number}`,
      Author: company.name[layout.language],
      CreationDate: new Date(`${layout.date}T00:00:00Z`),
    },
    lang: layout.language,
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { columns, rows, totals } = layout.table;
  let y = letterhead(doc, layout, true);
  y = fieldGrid(doc, layout.fields, y) + 12;
  const newPage = (withHeader: boolean) => {
    doc.addPage();
    y = letterhead(doc, layout, false);
    if (withHeader)
      y = tableRow(
        doc,
        columns,
        columns.map((c) => c.label),
        y,
        'header',
      );
  };
  y = tableRow(
    doc,
    columns,
    columns.map((c) => c.label),
    y,
    'header',
  );
  for (const row of rows) {
    if (y + rowHeight(doc, columns, row) > pageBottom) newPage(true);
    y = tableRow(doc, columns, row, y, 'body');
  }
  if (totals) {
    if (y + rowHeight(doc, columns, totals) > pageBottom) newPage(true);
    y = tableRow(doc, columns, totals, y, 'totals');
  }
  for (const section of layout.sections) {
    if (y + 26 + gridHeight(doc, section.fields) > pageBottom) newPage(false);
    doc.font('bold').fontSize(9).fillColor(ink);
    drawText(doc, section.heading, margin.side, y + 12, contentWidth, { lineBreak: false });
    y = fieldGrid(doc, section.fields, y + 26);
  }
  if (y + 16 + signatureHeight > pageBottom) newPage(false);
  signatureRow(doc, layout.signatures, layout.labels, y + 16);

  const { count } = doc.bufferedPageRange();
  for (let page = 0; page < count; page++) {
    doc.switchToPage(page);
    doc.font('regular').fontSize(7.5).fillColor(muted);
    const foot = A4.height - margin.bottom + 18;
    doc
      .moveTo(margin.side, foot - 6)
      .lineTo(A4.width - margin.side, foot - 6)
      .lineWidth(0.4)
      .strokeColor(rule)
      .stroke();
    drawText(doc, `${layout.title[layout.language]} ${layout.number}`, margin.side, foot, contentWidth / 2, {
      lineBreak: false,
    });
    drawText(doc, layout.labels.page(page + 1, count), margin.side + contentWidth / 2, foot, contentWidth / 2, {
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
