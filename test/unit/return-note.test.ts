import { describe, expect, it } from 'vitest';
import { sampleReturnNote } from '../../scripts/documents/samples.ts';
import { renderReturnNote, returnNoteFileName } from '../../shared/documents/return-note.ts';
import { creditedLines, returnNoteFor } from '../../shared/domain/return-note.ts';
import { ReturnNote } from '../../shared/schemas/documents.ts';
import { pagesOf } from '../pdf-pages.ts';

const returned = (quantity: number, unitPrice: number, line = 1) => ({
  line,
  productCode: 'CZMK08A',
  name: '锁扣板 CZMK08A',
  unit: '个',
  quantity,
  unitPrice,
});

describe('the return note (R36)', () => {
  it.each([
    [
      'zh-CN',
      ['退货申请单号', '原送货单号', '退货数量', '退款金额 (CNY)', '退货原因', '我司原因', '返工'],
      ['财务（开单）', '仓库（收货）', '销管（审核）', '第 1 页 / 共 1 页'],
    ],
    [
      'en',
      ['Return no.', 'Delivery note', 'Qty returned', 'Credit (CNY)', 'Reason', 'Supplier', 'Rework'],
      ['Finance (issued)', 'Warehouse (received)', 'Sales admin (checked)', 'Page 1 of 1'],
    ],
  ] as const)(
    'renders in %s with its numbers, customer, lines, credit, cause and handling',
    async (language, fields, foot) => {
      const note = sampleReturnNote({ language });
      const pdf = await renderReturnNote(note);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = await pagesOf(pdf);
      expect(pages).toHaveLength(1);
      const [page] = pages;
      for (const text of [
        '退货单',
        'RETURN NOTE',
        'No. RN2026120003',
        'RA2026110012',
        '01-1126-104C-CN',
        'DN2026110042',
      ])
        expect(page).toContain(text);
      expect(page).toContain('广州门窗系统有限公司');
      for (const line of note.lines) expect(page).toContain(line.productCode);
      expect(page).toContain(language === 'zh-CN' ? '表面氧化发黑' : 'Surface oxidised');
      // 2 × 86.50 + 45 × 12.35 + 20 × 23.80, credited as the lines say.
      expect(note.totals).toEqual({ quantity: 67, amount: 1204.75 });
      expect(page).toContain('¥1,204.75');
      for (const text of [...fields, ...foot]) expect(page).toContain(text);
    },
  );

  it('continues 200 lines over pages, each with the letterhead, the table header and "page x of y"', async () => {
    const note = sampleReturnNote({ language: 'en', lines: 200 });
    const pages = await pagesOf(await renderReturnNote(note));
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, i) => {
      expect(page).toContain('No. RN2026120003');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      if (i > 0) expect(page).toContain('104 广州门窗系统有限公司 · continued');
      if (i < pages.length - 1) expect(page).toContain('Qty returned');
    });
    const all = pages.join(' ');
    for (const line of [1, 100, 200]) expect(all).toMatch(new RegExp(` ${line} +${note.lines[line - 1]?.productCode}`));
    const { quantity, amount } = note.totals;
    expect(quantity).toBe(note.lines.reduce((sum, line) => sum + line.quantity, 0));
    expect(Math.round(amount * 100)).toBe(note.lines.reduce((sum, line) => sum + Math.round(line.amount * 100), 0));
    expect(all).toContain(`¥${new Intl.NumberFormat('en', { minimumFractionDigits: 2 }).format(amount)}`);
    expect(pages.at(-1)).toContain('Sales admin (checked)');
  });

  it('names its file after the note, in the customer’s language', () => {
    expect(returnNoteFileName({ number: 'RN2026120003', language: 'zh-CN' })).toBe('退货单-RN2026120003.pdf');
    expect(returnNoteFileName({ number: 'RN2026120003', language: 'en' })).toBe('return-note-RN2026120003.pdf');
  });
});

describe('the return note’s credit (R36)', () => {
  it('credits each line at its quantity × unit price, rounded half-up to cents as the delivery note’s amounts', () => {
    const { lines, totals } = creditedLines([returned(3, 0.1), returned(7, 0.0825, 2), returned(1, 1.005, 3)], 'CNY');
    expect(lines.map((l) => l.amount)).toEqual([0.3, 0.58, 1.01]);
    expect(totals).toEqual({ quantity: 11, amount: 1.89 });
    expect(creditedLines([returned(3, 0.5)], 'JPY').lines[0]?.amount).toBe(2);
  });

  it('adds up exactly: amounts in cents, without float drift', () => {
    expect(creditedLines([returned(1, 0.1), returned(1, 0.2, 2)], 'CNY').totals).toEqual({ quantity: 2, amount: 0.3 });
  });

  it('makes a note the schema accepts, in Chinese unless told', () => {
    const { language: _, ...rest } = sampleReturnNote();
    const note = returnNoteFor({ ...rest, lines: [returned(40, 3.25)] });
    expect(note.language).toBe('zh-CN');
    expect(note.totals).toEqual({ quantity: 40, amount: 130 });
    expect(ReturnNote.parse(note)).toEqual(note);
  });
});

describe('the ReturnNote schema', () => {
  const note = sampleReturnNote({ lines: 2 });
  const line = note.lines[0] as (typeof note.lines)[number];
  const refused = (input: unknown) =>
    ReturnNote.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];

  it.each([
    ['its own number (RN, year, month, 4 digits)', { number: 'DN2026120003' }, 'number'],
    ['a number in no month', { number: 'RN2026130003' }, 'number'],
    ['the return application’s number (RA…)', { returnNumber: 'RA202611001' }, 'returnNumber'],
    ['lines', { lines: [] }, 'lines'],
    ['a known cause', { cause: 'carrier' }, 'cause'],
    ['a known handling', { handling: 'resell' }, 'handling'],
    ['a date it was issued', { issuedOn: '2026-12-32' }, 'issuedOn'],
    ['nothing unknown', { creditNote: 'CN1' }, ''],
    ['a short reason', { lines: [{ ...line, reason: 'x'.repeat(201) }, note.lines[1]] }, 'lines.0.reason'],
    ['a whole quantity', { lines: [{ ...line, quantity: 1.5 }, note.lines[1]] }, 'lines.0.quantity'],
    ['a unit price to 4 decimals', { lines: [{ ...line, unitPrice: 0.12345 }, note.lines[1]] }, 'lines.0.unitPrice'],
    ['the credit of each line', { lines: [{ ...line, amount: line.amount + 0.01 }, note.lines[1]] }, 'lines.0.amount'],
    [
      'totals that are the lines’ sum',
      { totals: { ...note.totals, quantity: note.totals.quantity + 1 } },
      'totals.quantity',
    ],
    [
      'a credit that is the lines’ sum',
      { totals: { ...note.totals, amount: note.totals.amount - 1 } },
      'totals.amount',
    ],
  ])('asks for %s, naming the field', (_, change, path) => {
    expect(refused({ ...note, ...change })).toEqual([path]);
  });

  it('trims its texts and keeps the Chinese unless the customer reads another language', () => {
    const { language: _, ...rest } = note;
    const parsed = ReturnNote.parse({ ...rest, orderNumber: ' 01-1126-104C-CN ', number: ' RN2026120003 ' });
    expect(parsed.orderNumber).toBe('01-1126-104C-CN');
    expect(parsed.number).toBe('RN2026120003');
    expect(parsed.language).toBe('zh-CN');
  });
});
