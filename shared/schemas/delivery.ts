import * as z from 'zod';
import { Cursor, Money, Quantity, Timestamp } from './common.ts';
import { Boxes, DeliveryNote, Shipment, StockPrepForm, WarehouseStockPrepForm, Weight } from './documents.ts';
import { maxOrderLines, OrderIdParams } from './order.ts';

/**
 * F3: one delivery of an order as it ships — the whole order, or one of the deliveries it was split into (R24). It
 * exists once production reported it finished, and the shipping workflow moves it on (R17–R23).
 */
export const DeliveryStatus = z
  .enum([
    'finished',
    'awaiting_payment',
    'awaiting_credit',
    'stock_prep',
    'price_approval',
    'picking',
    'invoicing',
    'ready_to_ship',
    'shipped',
    'in_transit',
    'arrived',
    'delivered',
  ])
  .meta({
    id: 'DeliveryStatus',
    description:
      'finished (production); awaiting_payment (R9 balance) or awaiting_credit (monthly customer beyond its limit); stock_prep (R17), price_approval (R18), picking (R19), invoicing (R20), ready_to_ship (R21); shipped (loaded), in_transit, arrived, delivered (signed for, R23).',
  });

/** R23: the stages of logistics tracking after loading, as the warehouse or the carrier reports them. */
export const TrackingStage = z.enum(['loaded', 'in_transit', 'arrived', 'signed_for']).meta({ id: 'TrackingStage' });

export const TrackingEntry = z
  .object({ stage: TrackingStage, at: Timestamp, by: z.string(), note: z.string().optional() })
  .meta({ id: 'TrackingEntry' });

/** R19: one round of picking: what the warehouse found on the shelf against the stock-prep form. */
export const PickingRound = z
  .object({
    revision: z.int().min(1),
    lines: z.array(z.object({ line: z.int().min(1), asked: Quantity, onHand: z.int().min(0), boxes: Boxes }).strict()),
    matched: z.boolean(),
    by: z.string(),
    at: Timestamp,
  })
  .meta({ id: 'PickingRound' });

/** R23: the customer's signed receipt (回单), filed with the delivery: complete, or with damage or a shortage. */
export const ReceiptCondition = z.enum(['complete', 'damaged', 'short']).meta({ id: 'ReceiptCondition' });

/** R23: damage or a shortage is described, so that a complaint can take it up (F4). */
export const receiptNoteMissing = (condition: string) => `is required: say what was ${condition}`;

export const NewDeliveryReceipt = z
  .object({
    condition: ReceiptCondition,
    /** Who signed the receipt at the customer. */
    signedBy: z.string().trim().min(1, 'is required').max(100),
    signedOn: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
    /** What was damaged or short (required then): it opens a complaint later (F4). */
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((receipt) => receipt.condition === 'complete' || receipt.note !== undefined, {
    error: (issue) => receiptNoteMissing(String((issue.input as { condition?: string }).condition)),
    path: ['note'],
    // Said beside the other problems of the form, whenever the condition itself is one of the three.
    when: (payload) => ReceiptCondition.safeParse((payload.value as { condition?: unknown })?.condition).success,
  })
  .meta({ id: 'NewDeliveryReceipt' });

export const DeliveryReceipt = z
  .object(NewDeliveryReceipt.shape)
  .extend({ recordedBy: z.string(), recordedAt: Timestamp })
  .meta({
    id: 'DeliveryReceipt',
  });

export const DeliveryLine = z
  .object({ line: z.int().min(1), productCode: z.string(), name: z.string(), quantity: Quantity })
  .meta({ id: 'DeliveryLine' });

export const OrderDelivery = z
  .object({
    orderId: z.string(),
    orderNumber: z.string(),
    customerId: z.string(),
    /** R24: which of the order's deliveries (1 when it ships in one). */
    delivery: z.int().min(1),
    status: DeliveryStatus,
    /** What it carries, as split (or the whole order); for a replacement, the lines and quantities complained of. */
    lines: z.array(DeliveryLine).min(1).max(maxOrderLines),
    /**
     * R27: a replacement (补发) the reply to a complaint settled on: not charged (no payment gate, a note of no
     * amount) and not counted in the order's shipped or delivered quantities.
     */
    replacementFor: z.object({ complaintId: z.string(), complaintNumber: z.string() }).optional(),
    /** The day the order planned it for; then the day the stock-prep form asks it to ship (the warehouse's list). */
    requestedDate: z.iso.date(),
    shipDate: z.iso.date().optional(),
    finishedAt: Timestamp,
    /** R9: what must be paid before it ships, when a balance was asked for. */
    balanceRequested: Money.optional(),
    /** R17–R19: the stock-prep form as it stands, and each round of picking against it. */
    stockPrepForm: StockPrepForm.optional(),
    picking: z.array(PickingRound).default([]),
    /** R20: the delivery note issued for it. */
    deliveryNote: z.string().optional(),
    /** R21: how it travels, as the warehouse signed it. */
    shipment: Shipment.extend({ boxes: Boxes, grossWeight: Weight }).optional(),
    /** R23: when the customer should have it; past it unsigned, the merchandiser is alerted. */
    expectedBy: z.iso.date().optional(),
    tracking: z.array(TrackingEntry).default([]),
    receipt: DeliveryReceipt.optional(),
    /** Why the stock-prep form last came back to the merchandiser (a refusal, a mismatch, a void note), until redone. */
    returned: z.object({ by: z.string(), reason: z.string(), at: Timestamp }).optional(),
    /** The last decision the shipping workflow recorded, and where it sent the delivery: a retried step changes nothing. */
    lastDecision: z.object({ approvalId: z.string(), next: z.string() }).optional(),
    version: z.int().min(1),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OrderDelivery' });

/**
 * What a customer's user reads of its delivery: no picking rounds, why the form came back or which decision the
 * workflow recorded, and nobody of the company by address (a whitelist: parsing strips the rest).
 */
export const CustomerDelivery = z
  .object({
    ...OrderDelivery.omit({
      picking: true,
      balanceRequested: true,
      returned: true,
      lastDecision: true,
      tracking: true,
      receipt: true,
    }).shape,
    tracking: z.array(z.object(TrackingEntry.omit({ by: true }).shape)),
    receipt: z.object(NewDeliveryReceipt.shape).extend({ recordedAt: Timestamp }).optional(),
  })
  .meta({ id: 'CustomerDelivery' });

/**
 * R42: a delivery as the warehouse reads it — everything it ships by, its stock-prep form without prices, and no
 * balance asked (a whitelist: parsing strips the rest).
 */
export const WarehouseDelivery = z
  .object({
    ...OrderDelivery.omit({ balanceRequested: true, stockPrepForm: true }).shape,
    stockPrepForm: WarehouseStockPrepForm.optional(),
  })
  .meta({ id: 'WarehouseDelivery' });

export const DeliveryParams = OrderIdParams.extend({
  n: z.coerce.number<string>().int('is not a delivery number').min(1, 'is not a delivery number').max(99),
});

/** R20: a delivery note as kept: the document, and the delivery it was issued for. */
export const IssuedDeliveryNote = z
  .object({
    number: z.string(),
    orderId: z.string(),
    customerId: z.string(),
    delivery: z.int().min(1),
    /** issued by finance, signed by sales admin (R20), void when sales admin refused it (the number stays used). */
    status: z.enum(['issued', 'signed', 'void']),
    document: DeliveryNote,
    issuedAt: Timestamp,
  })
  .meta({ id: 'IssuedDeliveryNote' });

export const DeliveryNoteParams = z.object({
  number: z.string().regex(/^DN\d{10}$/, 'is not a delivery note number (DN, year, month, 4 digits)'),
});

export const ProductionFinishedReport = z
  .object({
    /** Finished quantities per line, added to what was reported before. */
    lines: z
      .array(z.object({ line: z.int().min(1), quantity: Quantity }).strict())
      .min(1)
      .max(maxOrderLines)
      .optional(),
    /** Or: everything one delivery carries (R24), or the whole order with 1 when it ships in one. */
    delivery: z.int().min(1).max(99).optional(),
  })
  .strict()
  .refine((report) => (report.lines === undefined) !== (report.delivery === undefined), {
    message: 'give either lines (finished quantities) or delivery (everything it carries), not both',
    path: ['lines'],
  })
  .meta({ id: 'ProductionFinishedReport' });

export const TrackingUpdate = z
  .object({
    stage: z.enum(['in_transit', 'arrived']),
    /** When it happened; now when absent. */
    at: Timestamp.optional(),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: 'TrackingUpdate' });

export const DeliveryQuery = z.object({
  status: DeliveryStatus.optional(),
  /** The ship date (or the planned date before the stock-prep form sets it), from and to inclusive. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number<string>().int().min(1).max(100).default(50),
});

export const DeliveryPage = z
  .object({ items: z.array(OrderDelivery), next: Cursor.optional() })
  .meta({ id: 'DeliveryPage' });

export const WarehouseDeliveryPage = z
  .object({ items: z.array(WarehouseDelivery), next: Cursor.optional() })
  .meta({ id: 'WarehouseDeliveryPage' });

export type DeliveryStatus = z.infer<typeof DeliveryStatus>;
export type OrderDelivery = z.infer<typeof OrderDelivery>;
export type CustomerDelivery = z.infer<typeof CustomerDelivery>;
export type WarehouseDelivery = z.infer<typeof WarehouseDelivery>;
export type ReceiptCondition = z.infer<typeof ReceiptCondition>;
export type DeliveryLine = z.infer<typeof DeliveryLine>;
export type PickingRound = z.infer<typeof PickingRound>;
export type NewDeliveryReceipt = z.infer<typeof NewDeliveryReceipt>;
export type IssuedDeliveryNote = z.infer<typeof IssuedDeliveryNote>;
export type ProductionFinishedReport = z.infer<typeof ProductionFinishedReport>;
export type TrackingUpdate = z.infer<typeof TrackingUpdate>;
