import type { Currency, Language } from '../schemas/common.ts';
import type { SettlementTerms } from '../schemas/customer.ts';
import type { NewOrderLine } from '../schemas/order.ts';
import type { Product } from '../schemas/product.ts';

/**
 * Money is computed on integers: unit prices in ten-thousandths (they have up to 4 decimals), amounts in the
 * currency's minor unit, as bigint so no quantity × price can overflow. Numbers only go in and come out.
 */
const PRICE_SCALE = 4;

/** JPY has no minor unit; the other currencies we invoice in have cents. */
export function minorDigits(currency: Currency) {
  return currency === 'JPY' ? 0 : 2;
}

/** A price or amount as an integer number of 10^-digits units; refuses values with more decimals than that. */
function scaled(value: number, digits: number) {
  const units = value * 10 ** digits;
  const whole = Math.round(units);
  if (!Number.isFinite(value) || value < 0 || Math.abs(units - whole) > 1e-6) {
    throw new RangeError(`${value} is not a non-negative amount with at most ${digits} decimals`);
  }
  return BigInt(whole);
}

function unscaled(units: bigint, digits: number) {
  if (digits === 0) return Number(units);
  const text = units.toString().padStart(digits + 1, '0');
  return Number(`${text.slice(0, -digits)}.${text.slice(-digits)}`);
}

/** Half-up division for non-negative integers (money here is never negative). */
function divideHalfUp(numerator: bigint, divisor: bigint) {
  return (numerator + divisor / 2n) / divisor;
}

/** Quantity × unit price, rounded half-up to the currency's minor unit (3 × 0.1 = 0.3; 1 × 1.005 CNY = 1.01). */
export function lineAmount(quantity: number, unitPrice: number, currency: Currency) {
  const digits = minorDigits(currency);
  const exact = BigInt(quantity) * scaled(unitPrice, PRICE_SCALE);
  return unscaled(divideHalfUp(exact, 10n ** BigInt(PRICE_SCALE - digits)), digits);
}

/** The sum of amounts already rounded to the minor unit, without float drift. */
export function sumAmounts(amounts: readonly number[], currency: Currency) {
  const digits = minorDigits(currency);
  return unscaled(
    amounts.reduce((sum, amount) => sum + scaled(amount, digits), 0n),
    digits,
  );
}

/** A balance: what is owed (+) and what was paid or credited (−), summed without float drift; below 0 when paid ahead. */
export function balanceOf(amounts: readonly number[], currency: Currency) {
  const owed = sumAmounts(
    amounts.filter((a) => a > 0),
    currency,
  );
  const paid = sumAmounts(
    amounts.filter((a) => a < 0).map((a) => -a),
    currency,
  );
  return owed >= paid ? amountLeft(owed, paid, currency) : -amountLeft(paid, owed, currency);
}

/** Whether two unit prices are the same to the 4th decimal (prices are compared as integers, never as floats). */
export function samePrice(a: number, b: number) {
  return scaled(a, PRICE_SCALE) === scaled(b, PRICE_SCALE);
}

export type PricedLine = {
  /** 1-based, as in the order. */
  line: number;
  listPrice?: number;
  /** The price the order is made at: the quoted one if given, else the list price. */
  unitPrice?: number;
  amount?: number;
};

/**
 * Line amounts and the order total in the customer's currency. Each line is rounded, and the total is the sum of
 * the rounded lines, as the acknowledgement and the invoice print them. A line with neither a quoted nor a list
 * price has no amount, and then the order has no total (the review reports `no-price-in-currency`).
 */
export function priceOrder(
  lines: readonly Pick<NewOrderLine, 'productCode' | 'quantity' | 'unitPrice'>[],
  products: ReadonlyMap<string, Pick<Product, 'prices'>>,
  currency: Currency,
) {
  const priced: PricedLine[] = lines.map((written, i) => {
    const listPrice = products.get(written.productCode)?.prices[currency];
    const unitPrice = written.unitPrice ?? listPrice;
    const amount = unitPrice === undefined ? undefined : lineAmount(written.quantity, unitPrice, currency);
    return { line: i + 1, listPrice, unitPrice, amount };
  });
  const amounts = priced.flatMap((line) => (line.amount === undefined ? [] : [line.amount]));
  const total = amounts.length === priced.length ? sumAmounts(amounts, currency) : undefined;
  return { lines: priced, total };
}

/**
 * R9: what the customer pays before production starts. Deposit customers pay their deposit % of the total,
 * rounded half-up to the minor unit; prepaid customers pay everything before production (deposit = total);
 * customers on monthly settlement pay nothing up front (F7: they settle against the monthly statement).
 */
export function depositDue(total: number, settlement: SettlementTerms, currency: Currency) {
  switch (settlement.type) {
    case 'prepaid':
      return total;
    case 'monthly':
      return 0;
    case 'deposit': {
      const digits = minorDigits(currency);
      const share = scaled(total, digits) * BigInt(settlement.depositPercent);
      return unscaled(divideHalfUp(share, 100n), digits);
    }
  }
}

/** R9: what is left to pay before shipping once the deposit is in. */
export function balanceDue(total: number, deposit: number, currency: Currency) {
  const digits = minorDigits(currency);
  const balance = scaled(total, digits) - scaled(deposit, digits);
  if (balance < 0n) throw new RangeError(`deposit ${deposit} exceeds the total ${total}`);
  return unscaled(balance, digits);
}

/** Whether an amount is a whole number of the currency's minor unit (cents; whole yen): what can be paid. */
export function inMinorUnit(amount: number, currency: Currency) {
  try {
    scaled(amount, minorDigits(currency));
    return true;
  } catch {
    return false;
  }
}

/** What is left of `total` once `paid` is taken off, never below nothing (R9: the balance still due). */
export function amountLeft(total: number, paid: number, currency: Currency) {
  const digits = minorDigits(currency);
  const left = scaled(total, digits) - scaled(paid, digits);
  return unscaled(left > 0n ? left : 0n, digits);
}

/** An amount for e-mails and pages: the currency's symbol and minor unit, in the reader's language. */
export function formatMoney(amount: number, currency: Currency, language: Language) {
  return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
}

/** A unit price: like an amount, but showing up to its 4 decimals, so 0.1234 is never printed as 0.12. */
export function formatUnitPrice(price: number, currency: Currency, language: Language) {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: PRICE_SCALE,
  }).format(price);
}

/** An amount in a table whose column names the currency: its minor unit, grouped, without the symbol. */
export function formatAmountFigure(amount: number, currency: Currency, language: Language) {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amount,
  );
}

/** A unit price in such a table: up to its 4 decimals, without the symbol. */
export function formatUnitPriceFigure(price: number, currency: Currency, language: Language) {
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: minorDigits(currency),
    maximumFractionDigits: PRICE_SCALE,
  }).format(price);
}
