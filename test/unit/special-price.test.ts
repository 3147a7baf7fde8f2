import { describe, expect, it } from 'vitest';
import {
  coveringQuote,
  discountPercent,
  parseSpecialPriceLimit,
  quotedPricesOn,
  specialPriceAuthority,
} from '../../shared/domain/special-price.ts';
import type { Quotation } from '../../shared/schemas/quotation.ts';

/** R37: a price below list is a special price; the deputy GM decides up to the limit below list, the GM beyond. */
describe('special prices (R37)', () => {
  it('measures how far below list a price is, to two decimals, and nothing at or above it', () => {
    expect(discountPercent(27, 32)).toBe(15.63);
    expect(discountPercent(30, 32)).toBe(6.25);
    expect(discountPercent(0.1199, 0.12)).toBe(0.08);
    expect(discountPercent(32, 32)).toBeUndefined();
    expect(discountPercent(32.0001, 32)).toBeUndefined();
    expect(discountPercent(0, 18.5)).toBe(100);
  });

  it('gives the deputy GM the special prices up to the limit, the general manager those beyond', () => {
    expect(specialPriceAuthority([undefined, undefined], 10)).toBeUndefined();
    expect(specialPriceAuthority([6.25, undefined], 10)).toMatchObject({
      decider: 'deputy-gm',
      role: 'gm',
      approver: { rule: 'deputy-on-duty' },
      deepest: 6.25,
    });
    expect(specialPriceAuthority([10], 10)?.decider).toBe('deputy-gm');
    expect(specialPriceAuthority([6.25, 10.01], 10)).toMatchObject({
      decider: 'gm',
      approver: { rule: 'on-duty' },
      deepest: 10.01,
    });
  });

  it('reads the limit from the deployment, refusing what is not a percent between 0 and 100', () => {
    expect(parseSpecialPriceLimit('10')).toBe(10);
    expect(parseSpecialPriceLimit(' 12.5 ')).toBe(12.5);
    for (const bad of ['', '0', '100', '-5', '10%', 'ten', '1.234']) {
      expect(() => parseSpecialPriceLimit(bad, 'SPECIAL_PRICE_DEPUTY_LIMIT')).toThrow(/SPECIAL_PRICE_DEPUTY_LIMIT/);
    }
  });

  const quotation = (over: Partial<Quotation>): Quotation => ({
    id: 'quo_1',
    number: 'QT2026120001',
    customerId: 'cus_1',
    customerCode: '003',
    customerName: 'Jinan',
    currency: 'CNY',
    language: 'zh-CN',
    lines: [
      {
        line: 1,
        productCode: 'CZM04',
        productName: 'Handle',
        unit: 'pc',
        unitPrice: 28,
        listPrice: 32,
        discountPercent: 12.5,
      },
    ],
    validUntil: '2026-12-31',
    specialPrice: true,
    status: 'approved',
    requestedBy: 'wang.fang@factory.example',
    requestedAt: '2026-12-01T02:00:00.000Z',
    updatedAt: '2026-12-01T02:00:00.000Z',
    version: 2,
    ...over,
  });

  it('lets an order stand on approved quotations valid on its day, in its currency', () => {
    const quotations = [
      quotation({}),
      quotation({ number: 'QT2026120002', status: 'refused' }),
      quotation({ number: 'QT2026120003', currency: 'USD' }),
      quotation({ number: 'QT2026110009', validUntil: '2026-11-30' }),
    ];
    expect(quotedPricesOn(quotations, '2026-12-31', 'CNY').map((q) => q.number)).toEqual(['QT2026120001']);
    expect(quotedPricesOn(quotations, '2027-01-01', 'CNY')).toEqual([]);
  });

  it('covers a price at the quoted price or above it, with the lowest quote', () => {
    const quoted = [
      { number: 'QT1', productCode: 'CZM04', unitPrice: 29, validUntil: '2027-01-31' },
      { number: 'QT2', productCode: 'CZM04', unitPrice: 28, validUntil: '2026-12-31' },
    ];
    expect(coveringQuote('CZM04', 30, quoted)?.number).toBe('QT2');
    expect(coveringQuote('CZM04', 28, quoted)?.number).toBe('QT2');
    expect(coveringQuote('CZM04', 27.99, quoted)).toBeUndefined();
    expect(coveringQuote('SP110', 30, quoted)).toBeUndefined();
  });
});
