import * as z from 'zod';
import { Currency, Language, ListPrice, pageOf, Quantity, Timestamp, UnitPrice, Version } from './common.ts';
import { CustomerIdParams, registerQuery } from './customer.ts';
import { ProductCode } from './product.ts';

/** R37: a quotation holds at most this many lines (its PDF, its approval's facts and its events carry them). */
export const maxQuotationLines = 100;

/** R37: how long a quotation may be valid, from the day it is asked. */
export const maxValidityDays = 366;

export const NewQuotationLine = z
  .object({
    productCode: ProductCode,
    /** The quantity the price is quoted for; without it, the price holds for any quantity. */
    quantity: Quantity.optional(),
    unitPrice: UnitPrice,
  })
  .strict()
  .meta({ id: 'NewQuotationLine' });

export const NewQuotation = z
  .object({
    customerId: CustomerIdParams.shape.id,
    /** The customer's currency (R37: a quotation is made in it). */
    currency: Currency,
    lines: z
      .array(NewQuotationLine)
      .min(1)
      .max(maxQuotationLines)
      .refine(
        (lines) => new Set(lines.map((l) => l.productCode)).size === lines.length,
        'names a product twice: one price per product',
      ),
    /** The last day the prices hold (company time zone): from today to a year ahead. */
    validUntil: z.iso.date(),
    /** A remark printed on the quotation for the customer (terms, packing, delivery). */
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .meta({ id: 'NewQuotation' });

export const QuotationStatus = z
  .enum(['requested', 'approved', 'refused', 'lapsed'])
  .meta({ id: 'QuotationStatus', description: 'requested → approved / refused / lapsed (nobody decided in time).' });

export const QuotationLine = z
  .object({
    line: z.int().min(1),
    productCode: ProductCode,
    productName: z.string(),
    spec: z.string().optional(),
    unit: z.string(),
    quantity: Quantity.optional(),
    unitPrice: UnitPrice,
    /** The product's list price in the currency when the quotation was asked (staff only). */
    listPrice: ListPrice,
    /** R37: how far below the list price, in percent (two decimals); absent at or above the list price. */
    discountPercent: z.number().min(0).max(100).optional(),
  })
  .meta({ id: 'QuotationLine' });

/** R37: who decided, when, on what basis (a special price's form) or why not (a refusal's written reason). */
export const QuotationDecision = z
  .object({
    by: z.string(),
    at: Timestamp,
    role: z.string().optional(),
    reason: z.string().optional(),
    basis: z.string().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'QuotationDecision' });

export const Quotation = z
  .object({
    id: z.string(),
    /** QT<YYYYMM><nnnn>: the month asked, its place in the month. */
    number: z.string(),
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    currency: Currency,
    /** The language the quotation is written in: the customer's first contact's. */
    language: Language,
    lines: z.array(QuotationLine),
    validUntil: z.iso.date(),
    note: z.string().optional(),
    /** R37: a line below its list price — the general manager or the deputy GM decides, not the sales manager. */
    specialPrice: z.boolean(),
    status: QuotationStatus,
    requestedBy: z.string(),
    requestedAt: Timestamp,
    decision: QuotationDecision.optional(),
    /** When the PDF went to the customer's contacts, and to whom. */
    sent: z.object({ at: Timestamp, to: z.array(z.string()) }).optional(),
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'Quotation' });

export type NewQuotation = z.infer<typeof NewQuotation>;
export type Quotation = z.infer<typeof Quotation>;
export type QuotationLine = z.infer<typeof QuotationLine>;

/** What a customer's user reads of its own approved quotations: the prices, never the list prices or who decided. */
export const CustomerQuotation = Quotation.pick({
  id: true,
  number: true,
  customerId: true,
  currency: true,
  validUntil: true,
  note: true,
  status: true,
  requestedAt: true,
})
  .extend({
    lines: z.array(
      QuotationLine.pick({
        line: true,
        productCode: true,
        productName: true,
        unit: true,
        quantity: true,
        unitPrice: true,
      }),
    ),
  })
  .meta({ id: 'CustomerQuotation' });
export type CustomerQuotation = z.infer<typeof CustomerQuotation>;

/** What the quotation's events carry: who and what, never its lines. */
export const QuotationSummary = Quotation.pick({
  id: true,
  number: true,
  customerId: true,
  customerCode: true,
  customerName: true,
  currency: true,
  validUntil: true,
  specialPrice: true,
  status: true,
  requestedBy: true,
}).extend({ lineCount: z.int().min(1) });
export type QuotationSummary = z.infer<typeof QuotationSummary>;

export const QuotationParams = z.object({ id: z.string().regex(/^quo_[0-9A-Z]{26}$/, 'is not a quotation id') });
export const QuotationQuery = registerQuery(QuotationStatus);
export const QuotationPage = pageOf(Quotation, 'QuotationPage');
export const CustomerQuotationPage = pageOf(CustomerQuotation, 'CustomerQuotationPage');
