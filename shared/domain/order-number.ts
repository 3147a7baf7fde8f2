import { type Region, Region as Regions } from '../schemas/common.ts';
import { type ProductType, ProductType as ProductTypes } from '../schemas/product.ts';
import { Conflict } from './errors.ts';
import { wallClock } from './lead-time.ts';

/**
 * R3 (doc 003 §5.1): an order number reads region + product type + customer code + YY + MM + sequence, e.g.
 * `XXS111030801` is region XX, type S, customer 111, confirmed in 2003-08, the customer's 1st order of the cycle.
 */
export type OrderNumberParts = {
  region: Region;
  productType: ProductType;
  /** Three digits from 001, unique per customer. */
  customerCode: string;
  /** When the order was confirmed; its year and month are taken in `timeZone`. */
  date: Date;
  /** The customer's order sequence, 1–99. */
  sequence: number;
  /** The company's time zone, e.g. 'Asia/Shanghai'. */
  timeZone: string;
};

const two = (value: number) => String(value).padStart(2, '0');

function checkSequence(sequence: number) {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99) {
    throw new RangeError(`order sequence ${sequence} is not between 1 and 99`);
  }
}

export function orderNumber({ region, productType, customerCode, date, sequence, timeZone }: OrderNumberParts) {
  if (!Regions.options.includes(region)) throw new RangeError(`unknown destination region ${region}`);
  if (!ProductTypes.options.includes(productType)) throw new RangeError(`unknown product type ${productType}`);
  if (!/^(?!000)\d{3}$/.test(customerCode)) throw new RangeError(`customer code ${customerCode} is not 3 digits`);
  checkSequence(sequence);
  const { year, month } = wallClock(date, timeZone);
  return `${region}${productType}${customerCode}${two(year % 100)}${two(month)}${two(sequence)}`;
}

/** R3: the customer's next order sequence: 1 for the first order, then up to 99, then 1 again. */
export function nextSequence(previous: number | undefined) {
  if (previous === undefined) return 1;
  checkSequence(previous);
  return previous === 99 ? 1 : previous + 1;
}

/**
 * Where a customer's numbering stands: the last sequence number given, and how many orders were numbered in the
 * month it counts in (company time, `YYYY-MM`). Absent month: a sequence kept before months were counted.
 */
export type Numbering = { last: number; month?: string; inMonth?: number };

/** R3: the 100th order of a customer in one month would repeat a number of that month. */
export class MonthNumbersUsed extends Conflict {}

/**
 * R3: the customer's numbering after one more order confirmed at `date`: the sequence goes on (99 → 1) and the
 * month's count with it. The sequence repeats a number of the month only after 99 orders in it, so the 100th order
 * of a customer in one month is refused — explicitly, saying when it can be numbered (see
 * docs/decisions/order-number-month-full.md), never "retry".
 */
export function nextNumbering(
  previous: Numbering | undefined,
  { customerCode, date, timeZone }: { customerCode: string; date: Date; timeZone: string },
): Numbering {
  const { year, month } = wallClock(date, timeZone);
  const current = `${year}-${two(month)}`;
  const inMonth = previous?.month === current ? (previous.inMonth ?? 0) : 0;
  if (inMonth >= 99) {
    const next = month === 12 ? `${year + 1}-01` : `${year}-${two(month + 1)}`;
    throw new MonthNumbersUsed(
      `Customer ${customerCode} has 99 orders numbered in ${current}, every two-digit sequence number of R3 for that month; ` +
        `this order cannot be numbered before ${next}-01. Add its lines to one of this month's open orders (a change ` +
        `request), or place it from ${next}-01.`,
    );
  }
  return { last: nextSequence(previous?.last), month: current, inMonth: inMonth + 1 };
}

const pattern = /^(?<region>[A-Z]{2})(?<type>[A-Z])(?<customer>\d{3})(?<year>\d{2})(?<month>\d{2})(?<sequence>\d{2})$/;

/** The parts of an order number, or undefined when the text is not one. The year is 20YY. */
export function parseOrderNumber(text: string) {
  const fields = pattern.exec(text)?.groups ?? {};
  const region = Regions.safeParse(fields.region);
  const productType = ProductTypes.safeParse(fields.type);
  const customerCode = fields.customer ?? '000';
  const month = Number(fields.month);
  const sequence = Number(fields.sequence);
  if (!region.success || !productType.success || customerCode === '000') return undefined;
  if (!(month >= 1 && month <= 12 && sequence >= 1)) return undefined;
  return {
    region: region.data,
    productType: productType.data,
    customerCode,
    year: 2000 + Number(fields.year),
    month,
    sequence,
  };
}

/**
 * R3: the order's product-type letter when its lines differ. The type with the largest amount wins (amounts of
 * the lines of one type are summed; a kit line counts as the kit's own type, normally C, never as its
 * components'); on a tie, or when nothing is priced, the type that comes first in the order wins.
 */
export function orderProductType(lines: readonly { type: ProductType; amount?: number }[]): ProductType {
  const totals = new Map<ProductType, number>();
  for (const { type, amount } of lines) {
    // Cents as integers: sums of amounts already rounded to the minor unit compare exactly.
    totals.set(type, (totals.get(type) ?? 0) + Math.round((amount ?? 0) * 100));
  }
  let chosen: ProductType | undefined;
  for (const [type, total] of totals) {
    if (chosen === undefined || total > (totals.get(chosen) ?? 0)) chosen = type;
  }
  if (chosen === undefined) throw new RangeError('an order without lines has no product type');
  return chosen;
}
