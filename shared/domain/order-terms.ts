import { maxAmount } from '../schemas/common.ts';
import type { Customer } from '../schemas/customer.ts';
import {
  type Finding,
  maxOrderLines,
  type NewOrder,
  type NewOrderLine,
  type Order,
  type OrderLine,
} from '../schemas/order.ts';
import type { Product } from '../schemas/product.ts';
import { ValidationFailed } from './errors.ts';
import { depositDue, formatMoney, priceOrder } from './order-amounts.ts';
import { reviewOrder } from './order-review.ts';
import type { QuotedPrice } from './special-price.ts';

/** A line as written, with its number in the order (kept for good: a changed order's lines keep their numbers). */
export type NumberedLine = NewOrderLine & Pick<OrderLine, 'line' | 'productionStartedAt'>;

export type TermsContext = {
  customer: Customer;
  /** Every product the lines name, and their kits' components. */
  products: ReadonlyMap<string, Product>;
  copiedFrom?: Order;
  /** R37: the prices of the customer's approved quotations valid on the order's day (`quotedPricesOn`). */
  quotedPrices?: readonly QuotedPrice[];
};

/**
 * R2, R8, R9: written terms reviewed by every initial rule at once, each line priced in the customer's currency
 * (a price the customer quoted or agreed stands, else the list price), and the total with its deposit. Used for a
 * new order and for the order a change request proposes, so both pass the same review (R11). A total above
 * `maxAmount` is refused (400 on `lines`).
 */
export function assessTerms(
  written: Omit<NewOrder, 'lines'> & { lines: NumberedLine[] },
  { customer, products, copiedFrom, quotedPrices }: TermsContext,
): { lines: OrderLine[]; findings: Finding[]; totals: Order['totals'] } {
  // The same line limit for an order placed, changed (R11) or merged (R24): whatever is stored, its events and its
  // approvals carry (docs/architecture.md, "Limits").
  if (written.lines.length > maxOrderLines) {
    throw new ValidationFailed([
      {
        field: 'lines',
        message: `would make ${written.lines.length} lines, more than the ${maxOrderLines} one order may have`,
      },
    ]);
  }
  const findings = reviewOrder(written, { customer, products, copiedFrom, quotedPrices });
  const priced = priceOrder(written.lines, products, customer.currency);
  // Each price and quantity has its maximum; so has their sum, which is stored, carried and shown as a number.
  if (priced.total !== undefined && priced.total > maxAmount) {
    const most = formatMoney(maxAmount, customer.currency, 'en');
    throw new ValidationFailed([
      {
        field: 'lines',
        message: `make a total of ${formatMoney(priced.total, customer.currency, 'en')}, above the most one order may be (${most})`,
      },
    ]);
  }
  const lines = written.lines.map((line, i) => {
    const product = products.get(line.productCode);
    const price = priced.lines[i];
    return {
      ...line,
      ...(product ? { productName: product.name, productType: product.type } : {}),
      ...(price?.listPrice !== undefined ? { listPrice: price.listPrice } : {}),
      ...(price?.unitPrice !== undefined ? { unitPrice: price.unitPrice } : {}),
      ...(price?.amount !== undefined ? { amount: price.amount } : {}),
    };
  });
  const totals =
    priced.total === undefined
      ? {}
      : { amount: priced.total, depositDue: depositDue(priced.total, customer.settlement, customer.currency) };
  return { lines, findings, totals };
}

/** The line as the customer wrote it: what a change request starts from (prices agreed stay agreed). */
export function writtenLine(line: OrderLine): NumberedLine {
  const { listPrice: _list, amount: _amount, productName: _name, productType: _type, ...written } = line;
  return written;
}
