import * as z from 'zod';
import { Currency, Money, pageOf, Quantity, Timestamp, UnitPrice } from './common.ts';
import { ComplaintContact, ComplaintParams } from './complaint.ts';
import { CustomerIdParams, registerQuery } from './customer.ts';
import { ReturnCause, ReturnHandling, ReturnNote } from './documents.ts';
import { maxOrderLines, OrderIdParams } from './order.ts';

/** R30: a line of the delivery to send back, how many, and why if more than the application says. */
export const ReturnLine = z
  .object({
    line: z.int().min(1),
    quantity: Quantity,
    note: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'ReturnLine' });

/** A photo or document the customer keeps elsewhere, by reference: what it is and where to read it. */
export const ReturnAttachment = z
  .object({
    name: z.string().trim().min(1).max(200),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2000),
  })
  .strict()
  .meta({ id: 'ReturnAttachment' });

/** R30: a return application (退货申请) as the customer's system or the merchandiser files it. */
export const NewReturnApplication = z
  .object({
    /** The customer's own: implied for a customer's user; required of the staff. */
    customerId: CustomerIdParams.shape.id.optional(),
    orderId: OrderIdParams.shape.id,
    /** The delivery of the order the goods came with. */
    delivery: z.int().min(1).max(99),
    lines: z.array(ReturnLine).min(1).max(maxOrderLines),
    reason: z.string().trim().min(1).max(2000),
    attachments: z.array(ReturnAttachment).max(20).optional(),
    /** R31: the complaint about these goods, when there is one. */
    complaintId: ComplaintParams.shape.id.optional(),
    contact: ComplaintContact,
  })
  .strict()
  .meta({ id: 'NewReturnApplication' });

/**
 * F5: applied; the merchandiser's cause analysis (R31); the leader's approval (R32), the general manager's for
 * remelting; approved, awaiting the customer's shipment (R33); shipped; received and checked (R34); the five
 * signatures (R35); the return note and its signatures (R36); credited. Refused at approval, or stopped at sign-off.
 */
export const ReturnStatus = z
  .enum([
    'applied',
    'analysis',
    'leader_approval',
    'gm_approval',
    'approved',
    'shipped',
    'receiving',
    'sign_off',
    'return_note',
    'credited',
    'refused',
    'stopped',
  ])
  .meta({ id: 'ReturnStatus' });

const Signed = { by: z.string(), at: Timestamp };
const LineQuantity = z.object({ line: z.int().min(1), quantity: Quantity });

/** R33: the customer announces the goods on their way: when, how, and what is in the consignment. */
export const ReturnShipment = z
  .object({
    carrier: z.string().trim().min(1, 'is required').max(100),
    waybill: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]{2,39}$/, 'must be 3–40 letters, digits, "/", "_", "." or "-"'),
    /** Not after the day it is announced on (R33: the goods are on their way). */
    shippedOn: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
    /** What the consignment holds per line; the application's quantities when absent. */
    lines: z
      .array(LineQuantity.extend({ quantity: z.int().min(0).max(10_000_000) }).strict())
      .min(1)
      .max(maxOrderLines)
      .optional(),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: 'ReturnShipment' });

export const ReturnApplication = z
  .object({
    id: z.string(),
    /** The return number the customer quotes: RA, the month applied, its place in the month (RA2026120001). */
    number: z.string(),
    customerId: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    delivery: z.int().min(1),
    deliveryNote: z.string().optional(),
    currency: Currency,
    lines: z.array(
      ReturnLine.extend({
        productCode: z.string(),
        name: z.string(),
        unit: z.string(),
        /** The price the goods were sold at (the delivery's stock-prep form, R18): what a return credits. */
        unitPrice: UnitPrice,
        delivered: Quantity,
      }),
    ),
    reason: z.string(),
    attachments: z.array(ReturnAttachment),
    complaint: z.object({ id: z.string(), number: z.string() }).optional(),
    contact: ComplaintContact,
    status: ReturnStatus,
    /** R31: the merchandiser's analysis; a production fault names the complaint report (F4). */
    analysis: z
      .object({
        causedBy: ReturnCause,
        cause: z.string(),
        productionFault: z.boolean(),
        handling: ReturnHandling,
        complaint: z.object({ id: z.string(), number: z.string() }).optional(),
        ...Signed,
      })
      .optional(),
    /** R32: the leader's approval (an exception, with how the goods are handled, for a customer's fault), the GM's. */
    approval: z.object({ ...Signed, exception: z.string().optional(), gm: z.object(Signed).optional() }).optional(),
    refusal: z.object({ ...Signed, reason: z.string() }).optional(),
    shipment: ReturnShipment.extend({ announcedBy: z.string(), announcedAt: Timestamp }).optional(),
    /** R34: what the warehouse received, per line, against the application. */
    receipt: z
      .object({
        lines: z.array(z.object({ line: z.int(), expected: Quantity, received: z.int().min(0) })),
        difference: z.boolean(),
        ...Signed,
      })
      .optional(),
    /** R35: the five signatures. */
    signOff: z.array(z.object({ role: z.string(), ...Signed })).optional(),
    /** R36: the return note and the credit it booked. */
    returnNote: z.string().optional(),
    credit: z.object({ amount: Money, returnNote: z.string(), bookedAt: Timestamp }).optional(),
    /** Why the analysis came back to the merchandiser, if it did (the leader, the GM). */
    returned: z.object({ ...Signed, reason: z.string() }).optional(),
    stopped: z.object({ ...Signed, reason: z.string() }).optional(),
    lastDecision: z.object({ approvalId: z.string(), next: z.string() }).optional(),
    /** Who follows it: the account's merchandiser. */
    owner: z.string(),
    appliedBy: z.string(),
    appliedAt: Timestamp,
    version: z.int().min(1),
    updatedAt: Timestamp,
  })
  .meta({ id: 'ReturnApplication' });

export type NewReturnApplication = z.infer<typeof NewReturnApplication>;
export type ReturnApplication = z.infer<typeof ReturnApplication>;
export type ReturnShipment = z.infer<typeof ReturnShipment>;

/** What the return's events carry: its entry and its lines by code and quantity. */
export const ReturnSummary = ReturnApplication.pick({
  id: true,
  number: true,
  orderNumber: true,
  delivery: true,
  deliveryNote: true,
  currency: true,
  reason: true,
  contact: true,
  status: true,
  owner: true,
}).extend({ lines: z.array(z.object({ line: z.int(), productCode: z.string(), quantity: Quantity })) });
export type ReturnSummary = z.infer<typeof ReturnSummary>;

export const ReturnQuery = registerQuery(ReturnStatus);

export const ReturnParams = z.object({ id: z.string().regex(/^ret_[0-9A-Z]{26}$/, 'is not a return application id') });
export const ReturnPage = pageOf(ReturnApplication, 'ReturnPage');

/** What a customer's user reads of its own returns: the outcome, never the company's people or inner reasons. */
export const CustomerReturnApplication = z
  .object({
    ...ReturnApplication.omit({
      owner: true,
      appliedBy: true,
      analysis: true,
      approval: true,
      refusal: true,
      shipment: true,
      receipt: true,
      signOff: true,
      returned: true,
      stopped: true,
      lastDecision: true,
    }).shape,
    refusal: z.object({ reason: z.string(), at: Timestamp }).optional(),
    shipment: z.object(ReturnShipment.shape).extend({ announcedAt: Timestamp }).optional(),
    receipt: z
      .object({ lines: z.array(z.object({ line: z.int(), expected: Quantity, received: z.int() })) })
      .optional(),
  })
  .meta({ id: 'CustomerReturnApplication' });
export const CustomerReturnPage = pageOf(CustomerReturnApplication, 'CustomerReturnPage');
export type CustomerReturnApplication = z.infer<typeof CustomerReturnApplication>;

/** R33: goods that came back without an approved application: recorded and held; the merchandiser is alerted. */
export const NewReturnArrival = z
  .object({
    customerId: CustomerIdParams.shape.id,
    /** The return number the consignment quotes, if any. */
    returnNumber: z.string().trim().max(20).optional(),
    carrier: z.string().trim().min(1).max(100).optional(),
    waybill: ReturnShipment.shape.waybill.optional(),
    lines: z
      .array(
        z
          .object({
            productCode: z.string().trim().min(1).max(40),
            name: z.string().trim().max(200).optional(),
            quantity: Quantity,
          })
          .strict(),
      )
      .min(1)
      .max(maxOrderLines),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .meta({ id: 'NewReturnArrival' });

export const ReturnArrivalParams = z.object({
  id: z.string().regex(/^rar_[0-9A-Z]{26}$/, 'is not a held arrival id'),
});

/**
 * R30, R33: how the account's merchandiser settled goods held with the customer: refused and sent back (R30), or taken
 * in under the return application the customer has had approved since (its shipment, R33; the warehouse then counts
 * them against it, R34).
 */
export const ReturnArrivalSettlement = z
  .discriminatedUnion('outcome', [
    z
      .object({
        outcome: z.literal('sent-back'),
        /** What was agreed with the customer: the warehouse ships the goods back on it. */
        note: z.string().trim().min(1, 'is required: what was agreed with the customer').max(1000),
      })
      .strict(),
    z
      .object({
        outcome: z.literal('under-return'),
        returnId: ReturnParams.shape.id,
        /** The consignment's carrier and waybill, when the warehouse could not record them. */
        carrier: ReturnShipment.shape.carrier.optional(),
        waybill: ReturnShipment.shape.waybill.optional(),
        note: z.string().trim().min(1).max(1000).optional(),
      })
      .strict(),
  ])
  .meta({ id: 'ReturnArrivalSettlement' });
export type ReturnArrivalSettlement = z.infer<typeof ReturnArrivalSettlement>;

export const ReturnArrival = z
  .object({
    id: z.string(),
    ...NewReturnArrival.shape,
    /** The customer's name as it was when the goods came back (absent on arrivals recorded before it was kept). */
    customerName: z.string().optional(),
    /** held until settled: sent back to the customer, or taken in under a return application. */
    status: z.enum(['held', 'sent-back', 'under-return']),
    recordedBy: z.string(),
    recordedAt: Timestamp,
    settlement: z
      .object({
        note: z.string().optional(),
        /** The return application the goods were taken in under, and its number. */
        returnId: z.string().optional(),
        returnNumber: z.string().optional(),
        settledBy: z.string(),
        settledAt: Timestamp,
      })
      .optional(),
  })
  .meta({ id: 'ReturnArrival' });
/** What the arrival's event carries: its lines by code and quantity. */
export const ReturnArrivalSummary = ReturnArrival.extend({
  lines: z.array(z.object({ productCode: z.string(), quantity: Quantity })),
});
export type NewReturnArrival = z.infer<typeof NewReturnArrival>;
export type ReturnArrival = z.infer<typeof ReturnArrival>;
export const ReturnArrivalPage = pageOf(ReturnArrival, 'ReturnArrivalPage');

/** R36: a return note as kept: the document, the return it settles; issued, signed by the warehouse and sales admin, or void. */
export const IssuedReturnNote = z
  .object({
    number: z.string(),
    returnId: z.string(),
    customerId: z.string(),
    /** void when the warehouse or sales admin refused to sign it (the number stays used, the credit taken back). */
    status: z.enum(['issued', 'signed', 'void']),
    document: ReturnNote,
    issuedAt: Timestamp,
  })
  .meta({ id: 'IssuedReturnNote' });
export type IssuedReturnNote = z.infer<typeof IssuedReturnNote>;

export const ReturnNoteParams = z.object({
  number: z.string().regex(/^RN\d{10}$/, 'is not a return note number (RN, year, month, 4 digits)'),
});
