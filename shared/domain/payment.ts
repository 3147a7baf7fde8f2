import type { Customer } from '../schemas/customer.ts';
import type { HistoryEntry, Order, OrderPaid, OrderReceived } from '../schemas/order.ts';
import type { NewPayment, Payment } from '../schemas/payment.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges } from './events.ts';
import { fulfilmentStatus, inFulfilment } from './fulfilment.ts';
import { amountLeft, formatMoney, inMinorUnit, sumAmounts } from './order-amounts.ts';
import { ended } from './order-intake.ts';

export type PaymentRecorded = EventOf<'PaymentRecorded'>;

type Ledger = Pick<Order, 'received' | 'currency' | 'totals'>;

const received = (order: Pick<Order, 'received'>): OrderReceived => order.received ?? { deposit: 0, balance: 0 };

/** R9: everything paid against an order — its deposits and its balances. */
export const paidTotal = (order: Pick<Order, 'received' | 'currency'>) => {
  const { deposit, balance } = received(order);
  return sumAmounts([deposit, balance], order.currency);
};

/** R9: whether what was paid against the order covers its deposit due (an order without one has nothing to reach). */
export function depositReached(order: Ledger) {
  const due = order.totals.depositDue ?? 0;
  return due > 0 && amountLeft(due, paidTotal(order), order.currency) === 0;
}

/** R9: whether the order is paid in full — what shipping asks before goods leave (not while its total is unknown). */
export function paidInFull(order: Ledger) {
  return order.totals.amount !== undefined && amountLeft(order.totals.amount, paidTotal(order), order.currency) === 0;
}

/** An order's money as its reader wants it: the deposits received, everything paid, the balance still due. */
export function orderPaid(order: Ledger): OrderPaid {
  const paid = paidTotal(order);
  const { amount } = order.totals;
  return {
    depositReceived: received(order).deposit,
    paidTotal: paid,
    ...(amount === undefined ? {} : { balanceDue: amountLeft(amount, paid, order.currency) }),
  };
}

/**
 * What identifies one receipt beyond the request that records it: the customer and the bank's reference, compared
 * without case or spaces ("hx 2026-001" is "HX2026-001"), so a payment recorded twice is recorded once.
 */
export const referenceKey = (customerId: string, reference: string) =>
  `${customerId}#${reference.replace(/\s+/g, '').toUpperCase()}`;

export type PaymentFacts = {
  customer: Pick<Customer, 'id' | 'currency' | 'settlement'>;
  /** The order the payment names, read by the caller (undefined when it names none). */
  order?: Order;
  /** The company's today (its time zone): money cannot have arrived later than that. */
  today: string;
};

/** Why a payment cannot be recorded as asked: each field that is wrong, with what it should be. */
function problems(input: NewPayment, { customer, order, today }: PaymentFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.currency !== customer.currency) {
    issues.push({ field: 'currency', message: `must be the customer's currency, ${customer.currency}` });
  } else if (!inMinorUnit(input.amount, input.currency)) {
    issues.push({ field: 'amount', message: `has more decimals than ${input.currency} has` });
  }
  if (input.receivedOn > today) issues.push({ field: 'receivedOn', message: `is after today (${today})` });
  if (input.kind !== 'other' && input.orderId === undefined) {
    issues.push({ field: 'orderId', message: `is required for a ${input.kind} (it is paid against an order)` });
  }
  if (input.kind === 'other' && input.orderId !== undefined) {
    issues.push({ field: 'orderId', message: "must be left out: other receipts are the customer's, not an order's" });
  }
  if (order && order.customerId !== customer.id) {
    issues.push({ field: 'orderId', message: "is not one of this customer's orders" });
  }
  return issues;
}

/** R9: nothing may be paid beyond the order's total: the excess is the customer's, recorded as another receipt. */
function overpayment(input: NewPayment, order: Order): FieldIssue | undefined {
  const total = order.totals.amount;
  if (total === undefined || input.currency !== order.currency) return undefined;
  const left = amountLeft(total, paidTotal(order), order.currency);
  if (amountLeft(input.amount, left, order.currency) === 0) return undefined;
  const money = (amount: number) => formatMoney(amount, order.currency, 'en');
  return {
    field: 'amount',
    message: `is more than the ${money(left)} still due on order ${order.number} (total ${money(total)}); record the excess as an "other" receipt`,
  };
}

/**
 * R9: records money received from a customer. Against an order, the order's ledger moves on in the same write: what
 * its deposits and balances add up to, and — when this payment makes them reach the deposit due — the day the
 * deposit was received (R8: the lead time may start from it), which is the day of the payment that completed it.
 */
export function recordPayment(input: NewPayment, facts: PaymentFacts, context: EventContext) {
  const { order } = facts;
  const issues = problems(input, facts);
  const excess = order && issues.length === 0 ? overpayment(input, order) : undefined;
  if (excess) issues.push(excess);
  if (issues.length > 0) throw new ValidationFailed(issues);
  if (order && ended(order)) {
    const where = order.mergedInto ? `; record it against ${order.mergedInto}, which it was merged into` : '';
    throw new Conflict(`Order ${order.number} is ${order.status}: it takes no more payments${where}.`);
  }
  const payment: Payment = {
    id: `pay_${context.newId()}`,
    ...input,
    ...(order ? { orderNumber: order.number } : {}),
    recordedBy: context.actor,
    recordedAt: context.now,
  };
  const ledger = order && ledgerMove(order, payment, facts.customer.settlement.type === 'monthly', context);
  const event: PaymentRecorded = domainEvent(
    'PaymentRecorded',
    { kind: 'payment', id: payment.id },
    {
      payment,
      ...(ledger
        ? { order: ledger.order, depositCompleted: ledger.depositCompleted, paid: orderPaid(ledger.order) }
        : {}),
    },
    context,
  );
  return { payment, event, ...(ledger ? { order: ledger.order, history: ledger.history } : {}) };
}

/** The order with this payment in its ledger, and the history entry saying so (R15). */
function ledgerMove(order: Order, payment: Payment, monthly: boolean, context: EventContext) {
  const before = received(order);
  const kind = payment.kind === 'deposit' ? 'deposit' : 'balance';
  const after = { ...before, [kind]: sumAmounts([before[kind], payment.amount], order.currency) };
  const depositCompleted = !depositReached(order) && depositReached({ ...order, received: after });
  // F3: paid in full, a finished order is ready to ship and a delivered one closes.
  const status = inFulfilment(order.status)
    ? fulfilmentStatus({ ...order, received: after }, { monthly })
    : order.status;
  const changed = fieldChanges(order, {
    received: after,
    status,
    ...(depositCompleted && order.depositReceivedOn === undefined ? { depositReceivedOn: payment.receivedOn } : {}),
  });
  const moved = edited(order, changed, context.now, context.actor);
  const money = formatMoney(payment.amount, payment.currency, 'en');
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: depositCompleted ? 'deposit received' : 'payment recorded',
    changes: changed,
    note: `${payment.kind} of ${money} received on ${payment.receivedOn} (${payment.method}, reference ${payment.reference}): ${payment.id}`,
  };
  return { order: moved, history, depositCompleted };
}
