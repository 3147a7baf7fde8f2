import * as z from 'zod';
import { Currency } from './common.ts';
import { CustomerCode, SettlementTerms } from './customer.ts';
import { Ageing } from './ledger.ts';
import { OrderStatus } from './order.ts';
import { PaymentKind } from './payment.ts';
import { StaffId } from './staff.ts';

/** R40: one customer that owes money, by age, in the ageing report. */
export const AgeingReportRow = z
  .object({
    customerId: z.string(),
    code: CustomerCode,
    name: z.string(),
    currency: Currency,
    settlement: SettlementTerms,
    accountOwner: StaffId,
    /** What it owes now. */
    balance: z.number(),
    ageing: Ageing,
    /** Everything past its due date. */
    overdue: z.number(),
    /** Days the oldest open debit is past its due date (0: nothing is overdue). */
    oldestOverdueDays: z.int().min(0),
    oldestDueOn: z.iso.date().optional(),
  })
  .meta({ id: 'AgeingReportRow' });

/** What the customers of one currency owe in all, by age. */
export const AgeingTotal = z
  .object({
    currency: Currency,
    customers: z.int().min(1),
    balance: z.number(),
    overdue: z.number(),
    ageing: Ageing,
  })
  .meta({ id: 'AgeingTotal' });

export const AgeingReport = z
  .object({
    /** The company's day the ages are counted on. */
    asOf: z.iso.date(),
    /** Every customer that owes money, the most overdue first (then the most overdue amount, then by code). */
    customers: z.array(AgeingReportRow),
    /** Per currency: amounts in different currencies are never added. */
    totals: z.array(AgeingTotal),
  })
  .meta({ id: 'AgeingReport' });

const maxReconciliationDays = 366;

/** The company's days of a reconciliation: from and to, both included, at most a year. */
export const ReconciliationQuery = z
  .object({
    from: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
    to: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
  })
  .superRefine(({ from, to }, context) => {
    if (to < from) context.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= maxReconciliationDays) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `is more than ${maxReconciliationDays} days after from`,
      });
    }
  });

/** An order placed in the period: its total, and what its delivery notes booked (net of voids, whenever booked). */
export const ReconciledOrder = z
  .object({
    orderId: z.string(),
    number: z.string(),
    poNumber: z.string(),
    placedOn: z.iso.date(),
    status: OrderStatus,
    /** Absent while a line has no price. */
    amount: z.number().optional(),
    delivered: z.number(),
    /** R36: what its return notes credited, net of voids, whenever booked. */
    returned: z.number(),
  })
  .meta({ id: 'ReconciledOrder' });

/** A note booked on the ledger in the period, its amount, and whether it was voided (whenever). */
const ReconciledNote = z.object({
  number: z.string(),
  orderNumber: z.string().optional(),
  bookedOn: z.iso.date(),
  amount: z.number(),
  voidedOn: z.iso.date().optional(),
});

/** A delivery note booked in the period (R20), and whether it was voided (whenever). */
export const ReconciledDeliveryNote = ReconciledNote.meta({ id: 'ReconciledDeliveryNote' });

/** R36: a return note booked in the period, its credit as a positive amount, and whether it was voided. */
export const ReconciledReturnNote = ReconciledNote.meta({ id: 'ReconciledReturnNote' });

/** R40: a ledger adjustment booked in the period: what the customer owes more (+) or less (−). */
export const ReconciledAdjustment = z
  .object({ reference: z.string(), bookedOn: z.iso.date(), amount: z.number() })
  .meta({ id: 'ReconciledAdjustment' });

export const ReconciledInvoice = z
  .object({ number: z.string(), issuedOn: z.iso.date(), amount: z.number(), taxAmount: z.number() })
  .meta({ id: 'ReconciledInvoice' });

export const ReconciledPayment = z
  .object({
    id: z.string(),
    receivedOn: z.iso.date(),
    amount: z.number(),
    kind: PaymentKind,
    reference: z.string(),
    orderNumber: z.string().optional(),
  })
  .meta({ id: 'ReconciledPayment' });

/** Two figures that should agree and do not: `difference` is always the first less the second, more than 0. */
const between = <const K extends string, const A extends string, const B extends string>(kind: K, a: A, b: B) =>
  z.object({
    kind: z.literal(kind),
    ...({ [a]: z.number(), [b]: z.number() } as Record<A | B, z.ZodNumber>),
    difference: z.number(),
  });

/**
 * R40: what the reconciliation found not to agree, each with its kind and amounts (docs/decisions/reconciliation.md).
 */
export const ReconciliationDifference = z
  .discriminatedUnion('kind', [
    /** An order of the period whose delivery notes booked less than its total (not delivered yet, or short). */
    between('delivered-less-than-ordered', 'ordered', 'delivered').extend({
      orderNumber: z.string(),
      status: OrderStatus,
    }),
    /** An order whose delivery notes booked more than its total. */
    between('delivered-more-than-ordered', 'delivered', 'ordered').extend({ orderNumber: z.string() }),
    /** R39: more invoiced in the period than delivered in it. */
    between('invoiced-more-than-delivered', 'invoiced', 'delivered'),
    /** R39: goods delivered and paid for in the period, not invoiced: the smaller of delivered and paid, less invoiced. */
    z.object({
      kind: z.literal('delivered-paid-not-invoiced'),
      delivered: z.number(),
      paid: z.number(),
      invoiced: z.number(),
      difference: z.number(),
    }),
    /** R39: invoices follow payments: money received in the period that no invoice of the period covers. */
    between('payments-not-invoiced', 'paid', 'invoiced'),
    /** A delivery note of the period voided (R20: its number stays used, its amount is taken back). */
    z.object({
      kind: z.literal('delivery-note-void'),
      deliveryNote: z.string(),
      orderNumber: z.string().optional(),
      amount: z.number(),
      voidedOn: z.iso.date(),
    }),
    /** A return note of the period voided (R36: the warehouse or sales admin refused to sign; its credit taken back). */
    z.object({
      kind: z.literal('return-note-void'),
      returnNote: z.string(),
      orderNumber: z.string().optional(),
      amount: z.number(),
      voidedOn: z.iso.date(),
    }),
  ])
  .meta({ id: 'ReconciliationDifference' });

export const Reconciliation = z
  .object({
    customerId: z.string(),
    currency: Currency,
    from: z.iso.date(),
    to: z.iso.date(),
    /** Orders placed in the period (not those rejected, cancelled or merged into another). */
    orders: z.array(ReconciledOrder),
    deliveryNotes: z.array(ReconciledDeliveryNote),
    returnNotes: z.array(ReconciledReturnNote),
    adjustments: z.array(ReconciledAdjustment),
    invoices: z.array(ReconciledInvoice),
    payments: z.array(ReconciledPayment),
    /**
     * The period's sums: orders' totals, delivery notes booked and return notes credited (each net of voids), the
     * adjustments' net, invoices issued, payments received.
     */
    totals: z.object({
      ordered: z.number(),
      delivered: z.number(),
      returned: z.number(),
      adjusted: z.number(),
      invoiced: z.number(),
      paid: z.number(),
    }),
    differences: z.array(ReconciliationDifference),
  })
  .meta({ id: 'Reconciliation' });

export type AgeingReport = z.infer<typeof AgeingReport>;
export type AgeingReportRow = z.infer<typeof AgeingReportRow>;
export type Reconciliation = z.infer<typeof Reconciliation>;
export type ReconciliationDifference = z.infer<typeof ReconciliationDifference>;
export type ReconciledOrder = z.infer<typeof ReconciledOrder>;
