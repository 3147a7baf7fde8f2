import { describe, expect, it } from 'vitest';
import { sampleDeliveryNote, sampleStockPrepForm } from '../../scripts/documents/samples.ts';
import { deliveryNoteFileName, renderDeliveryNote } from '../../shared/documents/delivery-note.ts';
import {
  renderStockPrepForm,
  stockPrepFormFileName,
  stockPrepFormLayout,
} from '../../shared/documents/stock-prep-form.ts';
import { deliveryNoteTotals, stockPrepTotals } from '../../shared/domain/shipping-documents.ts';
import { warehouseStockPrepForm } from '../../shared/domain/warehouse-view.ts';
import { DeliveryNote } from '../../shared/schemas/documents.ts';
import { pagesOf } from '../pdf-pages.ts';

/** The fonts the PDF embeds: their names (a subset's is prefixed with six capitals and "+") and the font files. */
const embeddedFonts = (pdf: Buffer) => {
  const text = pdf.toString('latin1');
  return {
    names: [...new Set(text.match(/\/BaseFont \/[A-Z]{6}\+[\w-]+/g) ?? [])],
    files: (text.match(/\/FontFile3 /g) ?? []).length,
  };
};

describe('the delivery note (R20–R22)', () => {
  it.each(['zh-CN', 'en'] as const)('renders in %s with its number, customer, lines and totals', async (language) => {
    const note = sampleDeliveryNote({ language, lines: 1 });
    const pdf = await renderDeliveryNote(note);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pagesOf(pdf);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page).toContain('送货单');
    expect(page).toContain('DELIVERY NOTE');
    expect(page).toContain('DN2611-0042');
    expect(page).toContain('广州门窗系统有限公司');
    expect(page).toContain('SF1402 7783 9921');
    expect(page).toContain(note.lines[0]?.name);
    expect(page).toContain(language === 'zh-CN' ? '客户签收' : 'Received by customer');
    expect(page).toContain(language === 'zh-CN' ? '第 1 页 / 共 1 页' : 'Page 1 of 1');
  });

  it('embeds a subset of the CJK font (R22: Chinese renders anywhere), and stays small', async () => {
    const pdf = await renderDeliveryNote(sampleDeliveryNote({ language: 'zh-CN' }));
    const fonts = embeddedFonts(pdf);
    expect(fonts.names).toEqual(
      expect.arrayContaining([
        expect.stringContaining('+NotoSansHans-Regular'),
        expect.stringContaining('+NotoSansHans-Bold'),
      ]),
    );
    expect(fonts.files).toBe(2);
    // The font files are 8 MB each: only the glyphs used travel with the document.
    expect(pdf.length).toBeLessThan(300 * 1024);
  });

  it('continues 120 lines over pages, each with the letterhead, the table header and "page x of y"', async () => {
    const note = sampleDeliveryNote({ language: 'en', lines: 120 });
    const pages = await pagesOf(await renderDeliveryNote(note));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page).toContain('No. DN2611-0042');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      if (i < pages.length - 1) expect(page).toContain('Product code');
    });
    const all = pages.join(' ');
    for (const line of note.lines) expect(all).toContain(line.productCode);
    expect(all).toContain('¥');
    expect(pages.at(-1)).toContain('Received by customer');
  });

  it('names its file after the note, in the customer’s language', () => {
    expect(deliveryNoteFileName({ number: 'DN2611-0042', language: 'zh-CN' })).toBe('送货单-DN2611-0042.pdf');
    expect(deliveryNoteFileName({ number: 'DN2611-0042', language: 'en' })).toBe('delivery-note-DN2611-0042.pdf');
  });

  it('adds its totals up exactly: amounts in cents, weights in grams', () => {
    const lines = sampleDeliveryNote({ lines: 2 }).lines.map((line, i) => ({
      ...line,
      amount: [0.1, 0.2][i] ?? 0,
      grossWeight: [0.1, 0.2][i] ?? 0,
      boxes: 3,
      quantity: 5,
    }));
    expect(deliveryNoteTotals(lines, 'CNY')).toEqual({ quantity: 10, boxes: 6, grossWeight: 0.3, amount: 0.3 });
  });

  it('refuses a note without lines or with a weight finer than grams, naming the field', () => {
    const note = sampleDeliveryNote({ lines: 1 });
    const empty = DeliveryNote.safeParse({ ...note, lines: [] });
    expect(empty.error?.issues[0]?.path).toEqual(['lines']);
    const fine = DeliveryNote.safeParse({ ...note, lines: [{ ...note.lines[0], grossWeight: 1.0001 }] });
    expect(fine.error?.issues[0]?.path).toEqual(['lines', 0, 'grossWeight']);
  });
});

describe('the stock-prep form (R17–R19)', () => {
  it('renders its order, delivery, round, vehicle plan and the approvers’ boxes', async () => {
    const form = sampleStockPrepForm({ lines: 3 });
    const [page, ...more] = await pagesOf(await renderStockPrepForm(form));
    expect(more).toHaveLength(0);
    expect(page).toContain('备货单');
    expect(page).toContain('01-1126-104C-CN/1 R2');
    expect(page).toContain('4.2 米厢式货车');
    expect(page).toContain('销管（审价）');
    expect(page).toContain('王芳 Wang Fang');
    expect(stockPrepFormFileName(form)).toBe('备货单-01-1126-104C-CN-1-R2.pdf');
  });

  it('gives the warehouse its copy without prices: no price or amount, nor their columns (R42)', async () => {
    const form = sampleStockPrepForm({ lines: 2 });
    const copy = warehouseStockPrepForm(form);
    expect(JSON.stringify(copy)).not.toMatch(/"(unitPrice|amount|currency)":/);
    expect(copy.lines.map((line) => line.quantity)).toEqual(form.lines.map((line) => line.quantity));
    const layout = stockPrepFormLayout(copy);
    expect(layout.table.columns).toHaveLength(stockPrepFormLayout(form).table.columns.length - 2);
    expect(layout.table.rows.every((row) => row.length === layout.table.columns.length)).toBe(true);
    expect(layout.table.totals).toHaveLength(layout.table.columns.length);
    const [page] = await pagesOf(await renderStockPrepForm(copy));
    const [priced] = await pagesOf(await renderStockPrepForm(form));
    const amount = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2 }).format(form.totals.amount);
    expect(priced).toContain(amount);
    expect(page).not.toContain(amount);
    expect(page).toContain(form.orderNumber);
  });

  it('totals boxes only once the warehouse has counted every line (R19)', () => {
    const lines = sampleStockPrepForm({ lines: 2 }).lines;
    expect(stockPrepTotals(lines, 'CNY').boxes).toBeDefined();
    expect(
      stockPrepTotals([{ ...lines[0], boxes: undefined } as (typeof lines)[number], ...lines.slice(1)], 'CNY').boxes,
    ).toBeUndefined();
  });
});
