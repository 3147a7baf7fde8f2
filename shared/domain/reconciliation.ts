import type { Currency } from '../schemas/common.ts';
import type { Invoice } from '../schemas/invoice.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import type { Order } from '../schemas/order.ts';
import type { Payment } from '../schemas/payment.ts';
import type { ReconciledOrder, Reconciliation, ReconciliationDifference } from '../schemas/receivables.ts';
import { companyTimeZone } from './company.ts';
import { calendarDateIn } from './lead-time.ts';
import { amountLeft, balanceOf, sumAmounts } from './order-amounts.ts';

/** An order as the reconciliation reads it (a projection: never its lines). */
export type PlacedOrder = Pick<Order, 'id' | 'number' | 'poNumber' | 'status' | 'totals' | 'createdAt'>;

/** Orders that ended without goods: nothing is delivered against them, and nothing is missing. */
const endedWithoutGoods: readonly Order['status'][] = ['rejected', 'cancelled', 'merged'];

const dayOf = (at: string) => calendarDateIn(new Date(at), companyTimeZone);

/** `a − b` when a is more, else nothing: the differences of money never go below 0. */
const excess = (a: number, b: number, currency: Currency) => amountLeft(a, b, currency);

type Note = { number: string; orderNumber?: string; bookedOn: string; amount: number; voidedOn?: string };

/** A kind of note on the ledger (delivery notes, return notes) with the entries that void them, by number. */
const notesBooked = (ledger: readonly LedgerEntry[]) => (kind: LedgerEntry['kind'], voidKind: LedgerEntry['kind']) => {
  const voids = new Map(ledger.filter((e) => e.kind === voidKind).map((e) => [e.reference, e]));
  const notes = ledger.filter((e) => e.kind === kind);
  return {
    /** What an order's notes booked that stands (not voided), whenever booked. */
    standing: (orderNumber: string) =>
      notes.filter((n) => n.orderNumber === orderNumber && !voids.has(n.reference)).map((n) => n.amount),
    /** The notes booked on a day `within`, with the day each was voided (whenever). */
    bookedIn: (within: (day: string) => boolean): Note[] =>
      notes
        .filter((n) => within(dayOf(n.at)))
        .map((note) => {
          const voided = voids.get(note.reference);
          return {
            number: note.reference,
            ...(note.orderNumber ? { orderNumber: note.orderNumber } : {}),
            bookedOn: dayOf(note.at),
            amount: note.amount,
            ...(voided ? { voidedOn: dayOf(voided.at) } : {}),
          };
        }),
  };
};

/** The voided notes among `notes`, as a difference names them. */
const voidedAmong = (notes: readonly Note[]) =>
  notes.flatMap(({ number, orderNumber, amount, voidedOn }) =>
    voidedOn ? [{ number, ...(orderNumber ? { orderNumber } : {}), amount, voidedOn }] : [],
  );

/** Return notes as the reconciliation lists them: their credit as a positive amount. */
const asCredits = (notes: Note[]) => notes.map((note) => ({ ...note, amount: -note.amount }));

/**
 * R40 (doc 001: reconciliation checks order totals, invoice numbers and amounts, and payment dates): a customer's
 * orders placed, delivery notes booked, invoices issued and payments received in a period, side by side, with what
 * does not agree. `ledger` is the customer's whole ledger (an order's notes may be booked after the period).
 */
export function reconcile({
  customerId,
  currency,
  from,
  to,
  orders,
  ledger,
  invoices,
  payments,
}: {
  customerId: string;
  currency: Currency;
  from: string;
  to: string;
  orders: readonly PlacedOrder[];
  ledger: readonly LedgerEntry[];
  invoices: readonly Invoice[];
  payments: readonly Payment[];
}): Reconciliation {
  const sum = (amounts: number[]) => sumAmounts(amounts, currency);
  const inPeriod = (day: string) => from <= day && day <= to;
  const booked = notesBooked(ledger);
  const deliveries = booked('delivery-note', 'delivery-note-void');
  // A return note's entry is its credit (−): the reconciliation lists it as the amount credited.
  const returns = booked('return-note', 'return-note-void');

  const reconciledOrders: ReconciledOrder[] = orders
    .filter((order) => !endedWithoutGoods.includes(order.status))
    .map((order) => ({
      orderId: order.id,
      number: order.number,
      poNumber: order.poNumber,
      placedOn: dayOf(order.createdAt),
      status: order.status,
      ...(order.totals.amount === undefined ? {} : { amount: order.totals.amount }),
      delivered: sum(deliveries.standing(order.number)),
      returned: sum(returns.standing(order.number).map((credit) => -credit)),
    }));

  const deliveryNotes = deliveries.bookedIn(inPeriod);
  const returnNotes = asCredits(returns.bookedIn(inPeriod));
  const adjustments = ledger
    .filter((e) => e.kind === 'adjustment' && inPeriod(dayOf(e.at)))
    .map((e) => ({ reference: e.reference, bookedOn: dayOf(e.at), amount: e.amount }));

  const totals = {
    ordered: sum(reconciledOrders.flatMap((o) => (o.amount === undefined ? [] : [o.amount]))),
    delivered: sum(deliveryNotes.filter((n) => !n.voidedOn).map((n) => n.amount)),
    returned: sum(returnNotes.filter((n) => !n.voidedOn).map((n) => n.amount)),
    adjusted: balanceOf(
      adjustments.map((a) => a.amount),
      currency,
    ),
    invoiced: sum(invoices.map((i) => i.amount)),
    paid: sum(payments.map((p) => p.amount)),
  };

  const differences: ReconciliationDifference[] = [];
  for (const order of reconciledOrders) {
    if (order.amount === undefined) continue;
    const short = excess(order.amount, order.delivered, currency);
    if (short > 0) {
      differences.push({
        kind: 'delivered-less-than-ordered',
        orderNumber: order.number,
        status: order.status,
        ordered: order.amount,
        delivered: order.delivered,
        difference: short,
      });
    }
    const over = excess(order.delivered, order.amount, currency);
    if (over > 0) {
      differences.push({
        kind: 'delivered-more-than-ordered',
        orderNumber: order.number,
        delivered: order.delivered,
        ordered: order.amount,
        difference: over,
      });
    }
  }
  const { delivered, invoiced, paid } = totals;
  const overInvoiced = excess(invoiced, delivered, currency);
  if (overInvoiced > 0) {
    differences.push({ kind: 'invoiced-more-than-delivered', invoiced, delivered, difference: overInvoiced });
  }
  const deliveredAndPaid = Math.min(delivered, paid);
  const notInvoiced = excess(deliveredAndPaid, invoiced, currency);
  if (notInvoiced > 0) {
    differences.push({ kind: 'delivered-paid-not-invoiced', delivered, paid, invoiced, difference: notInvoiced });
  }
  const paidNotInvoiced = excess(paid, invoiced, currency);
  if (paidNotInvoiced > 0) {
    differences.push({ kind: 'payments-not-invoiced', paid, invoiced, difference: paidNotInvoiced });
  }
  for (const { number, ...note } of voidedAmong(deliveryNotes)) {
    differences.push({ kind: 'delivery-note-void', deliveryNote: number, ...note });
  }
  for (const { number, ...note } of voidedAmong(returnNotes)) {
    differences.push({ kind: 'return-note-void', returnNote: number, ...note });
  }

  return {
    customerId,
    currency,
    from,
    to,
    orders: reconciledOrders,
    deliveryNotes,
    returnNotes,
    adjustments,
    invoices: invoices.map(({ number, issuedOn, amount, taxAmount }) => ({ number, issuedOn, amount, taxAmount })),
    payments: payments.map(({ id, receivedOn, amount, kind, reference, orderNumber }) => ({
      id,
      receivedOn,
      amount,
      kind,
      reference,
      ...(orderNumber ? { orderNumber } : {}),
    })),
    totals,
    differences,
  };
}
