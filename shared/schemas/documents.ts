import * as z from 'zod';
import { creditedLines } from '../domain/return-note.ts';
import { Currency, Language, Money, Quantity, UnitPrice } from './common.ts';
import { Address } from './customer.ts';
import { DeliveryContact, maxOrderLines } from './order.ts';
import { ProductCode } from './product.ts';

/**
 * The business documents of shipping (F3) and returns (F5), as printed and e-mailed: the stock-prep form (备货单,
 * R17–R19), the delivery note (送货单, R20–R22) and the return note (退货单, R36). Each is its content only;
 * shared/documents/ renders it as a PDF.
 */

/** Kilograms, to the gram. */
export const Weight = z
  .number()
  .nonnegative()
  .max(1_000_000)
  .multipleOf(0.001)
  .meta({ description: 'Kilograms: 0 to 1,000,000, at most 3 decimals.' });

/** A number of boxes (cartons, pallets) as packed. */
export const Boxes = z.int().min(0).max(100_000).meta({ description: 'A number of boxes: 0 to 100,000.' });

/** Who signed a document, and on which day (a name, not a login: the document is read on paper too). */
export const DocumentSignature = z
  .object({ name: z.string().trim().min(1).max(100), signedOn: z.iso.date() })
  .strict()
  .meta({ id: 'DocumentSignature' });

export const DocumentCustomer = z
  .object({ code: z.string().trim().min(1).max(20), name: z.string().trim().min(1).max(200) })
  .strict()
  .meta({ id: 'DocumentCustomer' });

const lineFields = {
  /** 1-based, as on the order. */
  line: z.int().min(1),
  productCode: ProductCode,
  name: z.string().trim().min(1).max(200),
  spec: z.string().trim().max(200).optional(),
  quantity: Quantity,
  unit: z.string().trim().min(1).max(20),
  unitPrice: UnitPrice,
  amount: Money,
};

export const StockPrepLine = z
  .object({ ...lineFields, boxes: Boxes.optional() })
  .strict()
  .meta({ id: 'StockPrepLine' });

export const DeliveryNoteLine = z
  .object({
    ...lineFields,
    /** The order the line belongs to, when the note carries several (merged orders, R24). */
    orderNumber: z.string().trim().min(1).max(40).optional(),
    boxes: Boxes,
    /** When the line was weighed on its own; R21: the shipment weighs the whole delivery. */
    grossWeight: Weight.optional(),
  })
  .strict()
  .meta({ id: 'DeliveryNoteLine' });

/** R21: how the goods travel. */
export const Shipment = z
  .object({
    carrier: z.string().trim().min(1).max(100),
    vehicle: z.string().trim().max(40).optional(),
    driver: z.string().trim().max(100).optional(),
    driverPhone: z.string().trim().max(40).optional(),
    waybill: z.string().trim().min(1).max(60),
    shippedOn: z.iso.date().optional(),
  })
  .strict()
  .meta({ id: 'Shipment' });

export const DeliveryNoteTotals = z
  .object({ quantity: z.int().min(0), boxes: z.int().min(0), grossWeight: Weight.optional(), amount: Money })
  .strict()
  .meta({ id: 'DeliveryNoteTotals' });

export const StockPrepTotals = z
  .object({ quantity: z.int().min(0), boxes: z.int().min(0).optional(), amount: Money })
  .strict()
  .meta({ id: 'StockPrepTotals' });

/** R17–R19: what the merchandiser asks the warehouse to prepare for one delivery, approved by sales admin. */
export const StockPrepForm = z
  .object({
    orderNumber: z.string().trim().min(1).max(40),
    poNumber: z.string().trim().max(60).optional(),
    /** R24: which of the order's deliveries. */
    delivery: z.int().min(1),
    /** R19: the round, counted from 1; a mismatch the warehouse finds sends the form round again. */
    revision: z.int().min(1).default(1),
    preparedOn: z.iso.date(),
    customer: DocumentCustomer,
    currency: Currency,
    lines: z.array(StockPrepLine).min(1).max(maxOrderLines),
    totals: StockPrepTotals,
    deliveryAddress: Address,
    deliveryContact: DeliveryContact,
    requestedShipDate: z.iso.date(),
    vehiclePlan: z.string().trim().min(1).max(200),
    remarks: z.string().trim().max(1000).optional(),
    /** R17 prepared by the merchandiser, R18 approved by sales admin (prices), R19 confirmed by the warehouse. */
    signatures: z
      .object({
        merchandiser: DocumentSignature.optional(),
        salesAdmin: DocumentSignature.optional(),
        warehouse: DocumentSignature.optional(),
      })
      .strict(),
    language: Language.default('zh-CN'),
  })
  .strict()
  .meta({ id: 'StockPrepForm' });

/**
 * R19, R42: the stock-prep form as the warehouse reads it — what to prepare and pick, for whom and when, without a
 * price or amount (its department needs none). A whitelist: parsing a form strips the rest.
 */
export const WarehouseStockPrepForm = z
  .object({
    ...StockPrepForm.omit({ currency: true, lines: true, totals: true }).shape,
    lines: z
      .array(z.object(StockPrepLine.omit({ unitPrice: true, amount: true }).shape))
      .min(1)
      .max(maxOrderLines),
    totals: z.object(StockPrepTotals.omit({ amount: true }).shape),
  })
  .meta({ id: 'WarehouseStockPrepForm' });

/** R20–R22: the delivery note finance issues, with its own number; the customer receives it as a PDF. */
export const DeliveryNote = z
  .object({
    /** Its own sequence (R20), not the order's number. */
    number: z.string().trim().min(1).max(40),
    issuedOn: z.iso.date(),
    orderNumbers: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
    poNumbers: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
    /** R24: which delivery of the order (one order's notes only). */
    delivery: z.int().min(1).optional(),
    customer: DocumentCustomer,
    deliveryAddress: Address,
    deliveryContact: DeliveryContact,
    currency: Currency,
    lines: z.array(DeliveryNoteLine).min(1).max(maxOrderLines),
    totals: DeliveryNoteTotals,
    shipment: Shipment.optional(),
    remarks: z.string().trim().max(1000).optional(),
    /** R20 finance issues it, sales admin checks the prices and signs; R21 the warehouse ships and signs. */
    signatures: z
      .object({
        finance: DocumentSignature.optional(),
        salesAdmin: DocumentSignature.optional(),
        warehouse: DocumentSignature.optional(),
      })
      .strict(),
    /** The customer's language (R22): the labels of the PDF; the title is always in both. */
    language: Language,
  })
  .strict()
  .meta({ id: 'DeliveryNote' });

/** A number of the shared monthly document sequence: its prefix, year, month and place in the month (RN2026120001). */
const monthlyNumber = (prefix: string, what: string) =>
  z
    .string()
    .trim()
    .regex(
      new RegExp(`^${prefix}\\d{4}(0[1-9]|1[0-2])\\d{4}$`),
      `is not a ${what} number (${prefix}, year, month, 4 digits)`,
    );

export const ReturnNoteLine = z
  .object({
    ...lineFields,
    /** R34: the quantity the warehouse received and checked, which is what is credited. */
    quantity: Quantity,
    /** R36: the credit, quantity × unit price rounded to the currency's minor unit as on the delivery note. */
    amount: Money,
    /** R30: why the customer sent it back, as the application says. */
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'ReturnNoteLine' });

export const ReturnNoteTotals = z
  .object({ quantity: z.int().min(0), amount: Money })
  .strict()
  .meta({ id: 'ReturnNoteTotals' });

/** R31–R32: whose fault the return is — the company's returns are accepted unconditionally, the customer's by exception. */
export const ReturnCause = z.enum(['company', 'customer']).meta({ id: 'ReturnCause' });

/** What becomes of the goods: back to stock, to the factory for remelting (R32: the general manager's), rework, scrap. */
export const ReturnHandling = z.enum(['restock', 'remelt', 'rework', 'scrap']).meta({ id: 'ReturnHandling' });

/**
 * R36: the return note finance prints once the warehouse has received and checked the goods (R34) and the return is
 * signed off (R35); it books the credit, the warehouse and sales admin sign, and it goes back to the customer.
 */
export const ReturnNote = z
  .object({
    /** Its own sequence, RN + year + month + 4 digits. */
    number: monthlyNumber('RN', 'return note'),
    issuedOn: z.iso.date(),
    /** R30–R33: the approved return application, RA + year + month + 4 digits. */
    returnNumber: monthlyNumber('RA', 'return application'),
    orderNumber: z.string().trim().min(1).max(40),
    /** The delivery note the goods were shipped on. */
    deliveryNote: z.string().trim().min(1).max(40).optional(),
    customer: DocumentCustomer,
    currency: Currency,
    lines: z.array(ReturnNoteLine).min(1).max(maxOrderLines),
    totals: ReturnNoteTotals,
    cause: ReturnCause,
    handling: ReturnHandling,
    remarks: z.string().trim().max(1000).optional(),
    /** R36: finance issues it and books the credit; the warehouse (goods received) and sales admin sign. */
    signatures: z
      .object({
        finance: DocumentSignature.optional(),
        warehouse: DocumentSignature.optional(),
        salesAdmin: DocumentSignature.optional(),
      })
      .strict(),
    /** The customer's language: the labels of the PDF; the title is always in both. */
    language: Language.default('zh-CN'),
  })
  .strict()
  .superRefine(
    (note, context) => {
      // R36: the credit is what the lines say, to the cent — each amount its quantity at its price, the totals the sum
      // of those; a wrong line is named once, the totals against what the lines should credit.
      const credited = creditedLines(note.lines, note.currency);
      credited.lines.forEach(({ amount }, i) => {
        if (note.lines[i]?.amount !== amount)
          context.addIssue({
            code: 'custom',
            message: `must be quantity × unit price: ${amount}`,
            path: ['lines', i, 'amount'],
          });
      });
      for (const key of ['quantity', 'amount'] as const)
        if (note.totals[key] !== credited.totals[key])
          context.addIssue({
            code: 'custom',
            message: `must be the lines' sum: ${credited.totals[key]}`,
            path: ['totals', key],
          });
    },
    // Only a note whose every field is well formed (lines there, quantities whole, prices to 4 decimals) is added up.
    { when: (payload) => (payload.issues ?? []).length === 0 },
  )
  .meta({ id: 'ReturnNote' });

export type DocumentSignature = z.infer<typeof DocumentSignature>;
export type DocumentCustomer = z.infer<typeof DocumentCustomer>;
export type StockPrepLine = z.infer<typeof StockPrepLine>;
export type DeliveryNoteLine = z.infer<typeof DeliveryNoteLine>;
export type Shipment = z.infer<typeof Shipment>;
export type StockPrepForm = z.infer<typeof StockPrepForm>;
export type WarehouseStockPrepForm = z.infer<typeof WarehouseStockPrepForm>;
export type DeliveryNote = z.infer<typeof DeliveryNote>;
export type DeliveryNoteTotals = z.infer<typeof DeliveryNoteTotals>;
export type ReturnNoteLine = z.infer<typeof ReturnNoteLine>;
export type ReturnNoteTotals = z.infer<typeof ReturnNoteTotals>;
export type ReturnCause = z.infer<typeof ReturnCause>;
export type ReturnHandling = z.infer<typeof ReturnHandling>;
export type ReturnNote = z.infer<typeof ReturnNote>;
