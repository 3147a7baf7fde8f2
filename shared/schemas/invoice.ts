import * as z from 'zod';
import { Currency, Money, pageOf, Timestamp } from './common.ts';

/** R39: the (tax) invoice finance issued for money a customer paid, as finance records it. */
export const NewInvoice = z
  .object({
    /** The invoice's own number (发票号码), as printed: unique. */
    number: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]{2,39}$/, 'must be 3–40 letters, digits, "/", "_", "." or "-"'),
    issuedOn: z.iso.date(),
    /** What it invoices, tax included: never more than was paid and not invoiced yet. */
    amount: Money.refine((amount) => amount > 0, 'must be more than 0'),
    /** The tax it includes. */
    taxAmount: Money,
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: 'NewInvoice' });

export const Invoice = NewInvoice.extend({
  id: z.string(),
  customerId: z.string(),
  currency: Currency,
  recordedBy: z.string(),
  recordedAt: Timestamp,
}).meta({ id: 'Invoice' });

export const InvoicePage = pageOf(Invoice, 'InvoicePage');

export type NewInvoice = z.infer<typeof NewInvoice>;
export type Invoice = z.infer<typeof Invoice>;
