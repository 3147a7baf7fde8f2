import * as z from 'zod';
import { Currency, Language, Money, Quantity, UnitPrice } from './common.ts';
import { Address } from './customer.ts';
import { DeliveryContact, maxOrderLines } from './order.ts';
import { ProductCode } from './product.ts';

/**
 * The business documents of shipping (F3), as printed and e-mailed: the stock-prep form (备货单, R17–R19) and the
 * delivery note (送货单, R20–R22). Each is its content only; shared/documents/ renders it as a PDF.
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

export type DocumentSignature = z.infer<typeof DocumentSignature>;
export type DocumentCustomer = z.infer<typeof DocumentCustomer>;
export type StockPrepLine = z.infer<typeof StockPrepLine>;
export type DeliveryNoteLine = z.infer<typeof DeliveryNoteLine>;
export type Shipment = z.infer<typeof Shipment>;
export type StockPrepForm = z.infer<typeof StockPrepForm>;
export type DeliveryNote = z.infer<typeof DeliveryNote>;
export type DeliveryNoteTotals = z.infer<typeof DeliveryNoteTotals>;
