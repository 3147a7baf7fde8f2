import type { HistoryEntry, NewOrder, Order } from '../schemas/order.ts';
import { domainEvent, type EventContext, type EventOf } from './events.ts';
import { orderNumber, orderProductType } from './order-number.ts';
import { assessTerms, type TermsContext } from './order-terms.ts';

export type OrderPlaced = EventOf<'OrderPlaced'>;

/**
 * The customer's PO number as looked up (doc 003 §6.1): without case or spaces, so "hx-po 7781" finds "HX-PO7781".
 */
export const poKey = (poNumber: string) => poNumber.replace(/\s+/g, '').toUpperCase();

export type PlacementContext = EventContext &
  TermsContext & {
    /** R3: this order's place in the customer's sequence (1–99). */
    sequence: number;
    timeZone: string;
  };

/**
 * F1 steps 1–3: a written order (R1) is entered, reviewed by every initial rule at once (R2, R8), priced in the
 * customer's currency with its deposit (R9) and numbered (R3). It then waits for the merchandiser's review.
 */
export function placeOrder(input: NewOrder, context: PlacementContext) {
  const { customer, now, actor } = context;
  const { lines, findings, totals } = assessTerms(
    { ...input, lines: input.lines.map((line, i) => ({ ...line, line: i + 1 })) },
    context,
  );
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
    ...(context.copiedFrom ? { copiedFrom: context.copiedFrom.id } : {}),
    findings,
    totals,
    status: 'in_review',
    revision: 1,
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
