import type { Customer } from '../schemas/customer.ts';
import type { HistoryEntry, NewOrder, Order } from '../schemas/order.ts';
import type { Product } from '../schemas/product.ts';
import { type DomainEvent, domainEvent, type EventContext } from './events.ts';
import { depositDue, priceOrder } from './order-amounts.ts';
import { orderNumber, orderProductType } from './order-number.ts';
import { reviewOrder } from './order-review.ts';

export type OrderPlaced = DomainEvent<'OrderPlaced', { order: Order }>;

export type PlacementContext = EventContext & {
  customer: Customer;
  /** Every product the lines name, and their kits' components. */
  products: ReadonlyMap<string, Product>;
  copiedFrom?: Order;
  /** R3: this order's place in the customer's sequence (1–99). */
  sequence: number;
  timeZone: string;
};

/**
 * F1 steps 1–3: a written order (R1) is entered, reviewed by every initial rule at once (R2, R8), priced in the
 * customer's currency with its deposit (R9) and numbered (R3). It then waits for the merchandiser's review.
 */
export function placeOrder(input: NewOrder, context: PlacementContext) {
  const { customer, products, copiedFrom, now, actor } = context;
  const findings = reviewOrder(input, { customer, products, copiedFrom });
  const priced = priceOrder(input.lines, products, customer.currency);
  const lines = input.lines.map((line, i) => {
    const product = products.get(line.productCode);
    const price = priced.lines[i];
    return {
      ...line,
      line: i + 1,
      ...(product ? { productName: product.name, productType: product.type } : {}),
      ...(price?.listPrice !== undefined ? { listPrice: price.listPrice } : {}),
      ...(price?.unitPrice !== undefined ? { unitPrice: price.unitPrice } : {}),
      ...(price?.amount !== undefined ? { amount: price.amount } : {}),
    };
  });
  const typed = lines.flatMap((line) => (line.productType ? [{ type: line.productType, amount: line.amount }] : []));
  const { customerId: _, ...written } = input;
  const order: Order = {
    ...written,
    id: `ord_${context.newId()}`,
    number: orderNumber({
      region: customer.region,
      productType: typed.length ? orderProductType(typed) : 'P',
      customerCode: customer.code,
      date: new Date(now),
      sequence: context.sequence,
      timeZone: context.timeZone,
    }),
    customerId: customer.id,
    customerCode: customer.code,
    currency: customer.currency,
    lines,
    ...(copiedFrom ? { copiedFrom: copiedFrom.id } : {}),
    findings,
    totals:
      priced.total === undefined
        ? {}
        : { amount: priced.total, depositDue: depositDue(priced.total, customer.settlement, customer.currency) },
    status: 'in_review',
    version: 1,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  const event: OrderPlaced = domainEvent('OrderPlaced', { kind: 'order', id: order.id }, { order }, context);
  const history: HistoryEntry = {
    at: now,
    actor,
    action: 'placed',
    note: `${order.number} (PO ${order.poNumber}) by ${input.channel}; ${findings.length} review finding(s)`,
  };
  return { order, event, history };
}
