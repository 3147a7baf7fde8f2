import { describe, expect, it } from 'vitest';
import {
  balanceDue,
  depositDue,
  formatMoney,
  formatUnitPrice,
  lineAmount,
  minorDigits,
  priceOrder,
  samePrice,
  sumAmounts,
} from '../../shared/domain/order-amounts.ts';

const products = new Map([
  ['M5X75', { prices: { CNY: 0.12, USD: 0.02 } }],
  ['CZM04', { prices: { CNY: 32, USD: 4.9 } }],
  ['SPECIAL', { prices: { USD: 1 } }],
]);

describe('line amounts (exact decimals, half-up to the minor unit)', () => {
  it.each([
    [3, 0.1, 'CNY', 0.3],
    [500, 0.12, 'CNY', 60],
    [1, 1.005, 'CNY', 1.01],
    [1, 0.005, 'CNY', 0.01],
    [1, 0.0049, 'CNY', 0],
    [3, 0.3335, 'USD', 1],
    [7, 0.0015, 'USD', 0.01],
    [3, 33.335, 'JPY', 100],
    [1, 100.5, 'JPY', 101],
    [10_000_000, 9999.9999, 'USD', 99_999_999_000],
  ] as const)('%d × %d %s = %d', (quantity, price, currency, amount) => {
    expect(lineAmount(quantity, price, currency)).toBe(amount);
  });

  it('refuses a unit price with more than 4 decimals or below zero', () => {
    expect(() => lineAmount(1, 0.00001, 'CNY')).toThrow(RangeError);
    expect(() => lineAmount(1, -1, 'CNY')).toThrow(RangeError);
  });

  it('knows the minor unit of each currency: JPY none, the others cents', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('EUR')).toBe(2);
  });

  it('sums without float drift (0.1 + 0.2 = 0.3)', () => {
    expect(sumAmounts([0.1, 0.2], 'CNY')).toBe(0.3);
    expect(sumAmounts([], 'CNY')).toBe(0);
    expect(sumAmounts([1, 2], 'JPY')).toBe(3);
  });

  it('compares prices to the 4th decimal', () => {
    expect(samePrice(4.9, 4.9)).toBe(true);
    expect(samePrice(0.1 + 0.2, 0.3)).toBe(true);
    expect(samePrice(0.12, 0.1201)).toBe(false);
  });
});

describe('pricing an order in the customer currency', () => {
  it('uses the quoted price if given, else the list price, and totals the rounded lines', () => {
    const priced = priceOrder(
      [
        { productCode: 'M5X75', quantity: 500 },
        { productCode: 'CZM04', quantity: 3, unitPrice: 30.1 },
      ],
      products,
      'CNY',
    );
    expect(priced).toEqual({
      lines: [
        { line: 1, listPrice: 0.12, unitPrice: 0.12, amount: 60 },
        { line: 2, listPrice: 32, unitPrice: 30.1, amount: 90.3 },
      ],
      total: 150.3,
    });
  });

  it('has no total while a line has neither a quoted nor a list price', () => {
    const priced = priceOrder(
      [
        { productCode: 'SPECIAL', quantity: 1 },
        { productCode: 'CZM04', quantity: 1 },
      ],
      products,
      'CNY',
    );
    expect(priced.lines[0]).toEqual({ line: 1, listPrice: undefined, unitPrice: undefined, amount: undefined });
    expect(priced.total).toBeUndefined();
  });

  it('prices a line from its quote even without a list price in the currency', () => {
    expect(priceOrder([{ productCode: 'SPECIAL', quantity: 2, unitPrice: 7.5 }], products, 'CNY').total).toBe(15);
  });
});

describe('deposit due (R9)', () => {
  it('is the deposit percentage of the total, half-up to the minor unit', () => {
    expect(depositDue(1234.57, { type: 'deposit', depositPercent: 30 }, 'CNY')).toBe(370.37);
    expect(depositDue(0.05, { type: 'deposit', depositPercent: 30 }, 'CNY')).toBe(0.02);
    expect(depositDue(1001, { type: 'deposit', depositPercent: 30 }, 'JPY')).toBe(300);
    expect(depositDue(1005, { type: 'deposit', depositPercent: 30 }, 'JPY')).toBe(302);
  });

  it('is the whole total for prepaid customers (paid before production)', () => {
    expect(depositDue(1234.57, { type: 'prepaid' }, 'USD')).toBe(1234.57);
  });

  it('is nothing for customers on monthly settlement (F7: they pay against the statement)', () => {
    expect(depositDue(1234.57, { type: 'monthly', creditLimit: 200_000 }, 'CNY')).toBe(0);
  });

  it('leaves the balance to pay before shipping', () => {
    expect(balanceDue(1234.57, 370.37, 'CNY')).toBe(864.2);
    expect(() => balanceDue(1, 2, 'CNY')).toThrow(RangeError);
  });
});

describe('money in e-mails', () => {
  it.each([
    [1234.57, 'CNY', 'zh-CN', '¥1,234.57'],
    [1234.57, 'CNY', 'en', 'CN¥1,234.57'],
    [1234.57, 'USD', 'en', '$1,234.57'],
    [1234.57, 'USD', 'zh-CN', 'US$1,234.57'],
    [1235, 'JPY', 'en', '¥1,235'],
    [60, 'CNY', 'zh-CN', '¥60.00'],
  ] as const)('formats %d %s in %s as %s', (amount, currency, language, text) => {
    expect(formatMoney(amount, currency, language)).toBe(text);
  });

  it('shows unit prices with up to 4 decimals', () => {
    expect(formatUnitPrice(0.1234, 'USD', 'en')).toBe('$0.1234');
    expect(formatUnitPrice(4.9, 'USD', 'en')).toBe('$4.90');
    expect(formatUnitPrice(32, 'CNY', 'zh-CN')).toBe('¥32.00');
  });
});
