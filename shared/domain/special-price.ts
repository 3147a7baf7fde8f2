import type { Customer } from '../schemas/customer.ts';
import type { Quotation } from '../schemas/quotation.ts';
import type { IsoDate } from './lead-time.ts';
import { samePrice } from './order-amounts.ts';

/**
 * R37: special prices — a price below the product's list price. The general manager or the deputy GM decides one: the
 * deputy up to the deployment's limit below list (`SPECIAL_PRICE_DEPUTY_LIMIT`, percent), the general manager beyond
 * it. An order line at a special price stands on an approved, valid quotation of the customer at that price or lower,
 * or needs the same decision. Pure.
 */

const PRICE_UNITS = 10_000;
const units = (price: number) => Math.round(price * PRICE_UNITS);

/** How far below its list price a price is, in percent to two decimals; undefined at or above the list price. */
export function discountPercent(unitPrice: number, listPrice: number) {
  if (unitPrice >= listPrice || samePrice(unitPrice, listPrice)) return undefined;
  return Math.round(((units(listPrice) - units(unitPrice)) * 10_000) / units(listPrice)) / 100;
}

/** Whether a price is a special price (R37): below the list price, compared to the 4th decimal. */
export const isSpecialPrice = (unitPrice: number, listPrice: number) =>
  discountPercent(unitPrice, listPrice) !== undefined;

// ——— Who decides a special price ———

/** R37: the deepest discount below list (percent) the deputy GM may approve; deeper, only the general manager. */
export type SpecialPriceLimit = number;

/** Reads `SPECIAL_PRICE_DEPUTY_LIMIT` (`10`, `12.5`); a malformed value fails the worker as it starts. */
export function parseSpecialPriceLimit(text: string, source?: string): SpecialPriceLimit {
  const value = Number(text.trim());
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim()) || !(value > 0 && value < 100)) {
    throw new Error(
      `The special-price limit "${text}"${source ? ` (${source})` : ''} is not valid: write the percent below list the deputy GM may approve, more than 0 and less than 100, e.g. 10.`,
    );
  }
  return value;
}

export type SpecialPriceAuthority = {
  /** Who decides, in the business's words. */
  decider: 'deputy-gm' | 'gm';
  /** The approver rule request-approval resolves (state-machines/kit/approvers.ts). */
  role: 'gm';
  approver: { rule: 'deputy-on-duty' } | { rule: 'on-duty' };
  /** The deepest discount below list among the prices decided (percent). */
  deepest: number;
  limit: SpecialPriceLimit;
};

/**
 * R37: who decides special prices, by the deepest of their discounts below list: up to and including the limit, the
 * deputy GM (the deputy of the general manager on duty); beyond it, the general manager. Undefined without any.
 */
export function specialPriceAuthority(
  discounts: readonly (number | undefined)[],
  limit: SpecialPriceLimit,
): SpecialPriceAuthority | undefined {
  const below = discounts.filter((d): d is number => d !== undefined);
  if (below.length === 0) return undefined;
  const deepest = Math.max(...below);
  return deepest <= limit
    ? { decider: 'deputy-gm', role: 'gm', approver: { rule: 'deputy-on-duty' }, deepest, limit }
    : { decider: 'gm', role: 'gm', approver: { rule: 'on-duty' }, deepest, limit };
}

/** The authority in words, for the approver's facts. */
export function authorityText(authority: SpecialPriceAuthority | undefined) {
  if (!authority) return '无特价，业务经理审批 No special price: the sales manager approves';
  const { deepest, limit } = authority;
  return authority.decider === 'deputy-gm'
    ? `特价最低 ${deepest}% 低于价目表（≤ ${limit}%）：副总经理审批 Special price ${deepest}% below list (≤ ${limit}%): the deputy GM approves`
    : `特价最低 ${deepest}% 低于价目表（> ${limit}%）：总经理审批 Special price ${deepest}% below list (> ${limit}%): the general manager approves`;
}

// ——— Orders at quoted prices ———

/** A price an approved quotation gives the customer for a product, until a day. */
export type QuotedPrice = { number: string; productCode: string; unitPrice: number; validUntil: IsoDate };

/** The prices of the customer's approved quotations that hold on `day` (not expired), in its currency. */
export function quotedPricesOn(quotations: readonly Quotation[], day: IsoDate, currency: Customer['currency']) {
  return quotations
    .filter((q) => q.status === 'approved' && q.currency === currency && day <= q.validUntil)
    .flatMap((q) =>
      q.lines.map(
        (line): QuotedPrice => ({
          number: q.number,
          productCode: line.productCode,
          unitPrice: line.unitPrice,
          validUntil: q.validUntil,
        }),
      ),
    );
}

/**
 * R37: the approved quotation an order line's special price stands on — one for the product at that price or lower
 * (the lowest such price, then the latest valid) — or undefined: the price then needs the same approval again.
 */
export function coveringQuote(productCode: string, unitPrice: number, quoted: readonly QuotedPrice[]) {
  return quoted
    .filter((q) => q.productCode === productCode && (q.unitPrice < unitPrice || samePrice(q.unitPrice, unitPrice)))
    .sort((a, b) => a.unitPrice - b.unitPrice || b.validUntil.localeCompare(a.validUntil))[0];
}
