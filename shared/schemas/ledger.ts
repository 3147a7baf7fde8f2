import * as z from 'zod';
import { Currency, Cursor, Timestamp } from './common.ts';

/**
 * F7 (R39–R40): what moves a customer's receivable, each once: a delivery note booked (R20, a debit) or void, a
 * payment received (R9), a return note's credit (R36) or its void, an adjustment by finance with its reason (approved
 * by the finance leader).
 */
export const LedgerEntryKind = z
  .enum(['delivery-note', 'delivery-note-void', 'payment', 'return-note', 'return-note-void', 'adjustment'])
  .meta({ id: 'LedgerEntryKind' });

export const LedgerEntry = z
  .object({
    customerId: z.string(),
    kind: LedgerEntryKind,
    /** The document or payment: a delivery note's or return note's number, a payment's id. */
    reference: z.string(),
    /** What the customer owes more (a debit, +) or less (a credit, −), in the document's currency. */
    amount: z.number(),
    currency: Currency,
    orderNumber: z.string().optional(),
    /** An adjustment's reason, in finance's words, and who approved it. */
    reason: z.string().max(500).optional(),
    approvedBy: z.string().optional(),
    /** When it was booked. */
    at: Timestamp,
  })
  .meta({ id: 'LedgerEntry' });

export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.object({
  /** Booked on or after this day (the company's), and on or before `to`. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number<string>().int().min(1).max(500).default(100),
});

/** R40: what is owed by how long overdue (docs/decisions/receivables-ageing.md). */
export const Ageing = z
  .object({
    current: z.number(),
    days1to30: z.number(),
    days31to60: z.number(),
    days61to90: z.number(),
    over90: z.number(),
  })
  .meta({ id: 'Ageing' });

/** A customer's receivables ledger: what it owes now, and the entries booked in the days asked, oldest first. */
export const CustomerLedger = z
  .object({
    customerId: z.string(),
    /** What the customer owes now (below 0: it paid ahead). */
    balance: z.number(),
    /** R39: what it paid in all, and what of that was invoiced (an invoice may take the rest, no more). */
    paid: z.number(),
    invoiced: z.number(),
    /** R40: what it owes by how long overdue, by its terms (docs/decisions/receivables-ageing.md). */
    ageing: Ageing,
    entries: z.array(LedgerEntry),
    next: Cursor.optional().meta({ description: 'Absent on the last page.' }),
  })
  .meta({ id: 'CustomerLedger' });
export type CustomerLedger = z.infer<typeof CustomerLedger>;

/** R40: a debit (a delivery note, a debit adjustment) still owed after the oldest were settled, with when it fell due. */
export const OpenDebit = z
  .object({
    kind: LedgerEntryKind,
    reference: z.string(),
    orderNumber: z.string().optional(),
    bookedOn: z.iso.date(),
    dueOn: z.iso.date(),
    /** What of it is still owed. */
    open: z.number(),
    /** Days past its due date (0 or less: not yet due). */
    daysOverdue: z.int(),
  })
  .meta({ id: 'OpenDebit' });
