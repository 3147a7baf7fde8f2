import { describe, expect, it } from 'vitest';
import {
  MonthNumbersUsed,
  nextNumbering,
  nextSequence,
  type OrderNumberParts,
  orderNumber,
  orderProductType,
  parseOrderNumber,
} from '../../shared/domain/order-number.ts';

const parts: OrderNumberParts = {
  region: 'CN',
  productType: 'C',
  customerCode: '001',
  date: new Date('2026-11-02T08:00:00Z'),
  sequence: 7,
  timeZone: 'Asia/Shanghai',
};

describe('order numbers (R3, doc 003 §5.1)', () => {
  it('read region, product type, customer code, YY, MM, sequence', () => {
    expect(orderNumber(parts)).toBe('CNC001261107');
  });

  it("spell the doc's example XXS111030801 (region EU here)", () => {
    const date = new Date('2003-08-15T04:00:00Z');
    expect(orderNumber({ ...parts, region: 'EU', productType: 'S', customerCode: '111', date, sequence: 1 })).toBe(
      'EUS111030801',
    );
  });

  it('take year and month of confirmation in the company time zone (Asia/Shanghai)', () => {
    const newYearInShanghai = new Date('2026-12-31T17:00:00Z');
    expect(orderNumber({ ...parts, date: newYearInShanghai })).toBe('CNC001270107');
    expect(orderNumber({ ...parts, date: new Date('2026-12-31T15:59:59Z') })).toBe('CNC001261207');
    expect(orderNumber({ ...parts, date: newYearInShanghai, timeZone: 'UTC' })).toBe('CNC001261207');
    expect(orderNumber({ ...parts, date: new Date('2026-04-30T16:00:00Z') })).toBe('CNC001260507');
  });

  it.each(['12', '1234', '000', 'ABC'])('refuse customer code %s (3 digits from 001)', (customerCode) => {
    expect(() => orderNumber({ ...parts, customerCode })).toThrow(RangeError);
  });

  it('refuse an unknown region or product type', () => {
    expect(() => orderNumber({ ...parts, region: 'XX' as never })).toThrow(/region XX/);
    expect(() => orderNumber({ ...parts, productType: 'Q' as never })).toThrow(/product type Q/);
  });

  it.each([0, 100, 1.5])('refuse sequence %d (1–99)', (sequence) => {
    expect(() => orderNumber({ ...parts, sequence })).toThrow(RangeError);
  });

  it('refuse an unknown time zone or an invalid date', () => {
    expect(() => orderNumber({ ...parts, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => orderNumber({ ...parts, date: new Date('nope') })).toThrow(RangeError);
  });

  it('parse back into their parts', () => {
    expect(parseOrderNumber('CNC001270107')).toEqual({
      region: 'CN',
      productType: 'C',
      customerCode: '001',
      year: 2027,
      month: 1,
      sequence: 7,
    });
    for (const sequence of [1, 42, 99]) {
      const number = orderNumber({ ...parts, region: 'UN', productType: 'P', customerCode: '999', sequence });
      expect(parseOrderNumber(number)).toMatchObject({ region: 'UN', productType: 'P', customerCode: '999', sequence });
    }
  });

  it.each([
    'CNC00126110',
    'XXS111030801',
    'CNQ001261107',
    'CNC000261107',
    'CNC001261307',
    'CNC001261100',
    'cnc001261107',
  ])('are not parsed from %s', (text) => {
    expect(parseOrderNumber(text)).toBeUndefined();
  });
});

describe('the per-customer sequence (R3)', () => {
  it('starts at 1, counts to 99 and wraps to 1', () => {
    expect(nextSequence(undefined)).toBe(1);
    expect(nextSequence(1)).toBe(2);
    expect(nextSequence(98)).toBe(99);
    expect(nextSequence(99)).toBe(1);
  });

  it.each([0, 100, 2.5])('refuses a previous sequence of %d', (previous) => {
    expect(() => nextSequence(previous)).toThrow(RangeError);
  });
});

describe('the numbering of a month (R3: the 100th order of a customer in one month)', () => {
  const december = { customerCode: '001', timeZone: 'Asia/Shanghai', date: new Date('2026-12-15T08:00:00Z') };
  // 2027-01-01 00:30 in Shanghai is still December in UTC: the company's month counts.
  const january = { ...december, date: new Date('2026-12-31T16:30:00Z') };

  it('counts the orders of the month beside the sequence, and starts the count again in a new month', () => {
    expect(nextNumbering(undefined, december)).toEqual({ last: 1, month: '2026-12', inMonth: 1 });
    expect(nextNumbering({ last: 41, month: '2026-12', inMonth: 3 }, december)).toEqual({
      last: 42,
      month: '2026-12',
      inMonth: 4,
    });
    expect(nextNumbering({ last: 99, month: '2026-12', inMonth: 98 }, january)).toEqual({
      last: 1,
      month: '2027-01',
      inMonth: 1,
    });
  });

  it('wraps 99 → 1 within a month while the month has numbers left (its 1 was given last month)', () => {
    expect(nextNumbering({ last: 99, month: '2026-12', inMonth: 60 }, december)).toMatchObject({
      last: 1,
      inMonth: 61,
    });
  });

  it('refuses the 100th order of a month before anything is numbered, saying when it can be and what to do instead', () => {
    const full = { last: 37, month: '2026-12', inMonth: 99 };
    expect(() => nextNumbering(full, december)).toThrow(MonthNumbersUsed);
    expect(() => nextNumbering(full, december)).toThrow(/99 orders numbered in 2026-12.*before 2027-01-01/);
    expect(() => nextNumbering(full, december)).not.toThrow(/retry/i);
    expect(nextNumbering(full, january)).toEqual({ last: 38, month: '2027-01', inMonth: 1 });
  });

  it('starts counting a sequence kept before months were counted', () => {
    expect(nextNumbering({ last: 12 }, december)).toEqual({ last: 13, month: '2026-12', inMonth: 1 });
  });
});

describe("the order's product type (R3)", () => {
  it('is the type with the largest amount, lines of one type summed', () => {
    expect(
      orderProductType([
        { type: 'P', amount: 160 },
        { type: 'C', amount: 4250 },
      ]),
    ).toBe('C');
    expect(
      orderProductType([
        { type: 'C', amount: 4250 },
        { type: 'P', amount: 3000 },
        { type: 'P', amount: 2000 },
      ]),
    ).toBe('P');
  });

  it('goes to the type that comes first on a tie or when nothing is priced', () => {
    expect(
      orderProductType([
        { type: 'S', amount: 0.3 },
        { type: 'P', amount: 0.1 },
        { type: 'P', amount: 0.2 },
      ]),
    ).toBe('S');
    expect(orderProductType([{ type: 'P' }, { type: 'C' }])).toBe('P');
  });

  it('needs at least one line', () => {
    expect(() => orderProductType([])).toThrow(RangeError);
  });
});
