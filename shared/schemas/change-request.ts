import * as z from 'zod';
import { Quantity, Timestamp, UnitPrice, Version } from './common.ts';
import { Address } from './customer.ts';
import {
  CustomerOrderLine,
  DeliveryContact,
  Finding,
  Money,
  maxOrderLines,
  NewOrderLine,
  OrderLine,
  WrittenComponent,
} from './order.ts';

const LineNumber = z.int().min(1).max(10_000);

/** R11: one change to the order's lines, by line number (line numbers never move; added lines get new ones). */
export const LineChange = z
  .discriminatedUnion('op', [
    NewOrderLine.extend({ op: z.literal('add') }).strict(),
    z
      .object({
        op: z.literal('change'),
        line: LineNumber,
        quantity: Quantity.optional(),
        unitPrice: UnitPrice.optional(),
        description: z.string().trim().min(1).max(200).optional(),
        components: z.array(WrittenComponent).max(50).optional(),
      })
      .strict()
      .refine((change) => Object.keys(change).length > 2, { message: 'changes nothing: give a new value' }),
    z.object({ op: z.literal('remove'), line: LineNumber }).strict(),
  ])
  .meta({ id: 'LineChange' });

/** The changes asked for: lines, the requested date, the delivery address or contact. */
export const RequestedChanges = z
  .object({
    lines: z.array(LineChange).max(maxOrderLines).optional(),
    requestedDate: z.iso.date().optional(),
    deliveryAddress: Address.optional(),
    deliveryContact: DeliveryContact.optional(),
  })
  .strict()
  .meta({ id: 'RequestedChanges' });

/** R11: what the customer (or the merchandiser for them) asks to change, and why. */
export const NewChangeRequest = RequestedChanges.extend({ reason: z.string().trim().min(1).max(2000) })
  .refine((request) => Object.keys(request).some((key) => key !== 'reason'), {
    message: 'asks for no change: give lines, requestedDate, deliveryAddress or deliveryContact',
  })
  .meta({ id: 'NewChangeRequest' });

/** What the contract says: the part of an order a change request changes and a revision records (R14, R15). */
export const OrderTerms = z
  .object({
    lines: z.array(OrderLine),
    requestedDate: z.iso.date(),
    deliveryAddress: Address.optional(),
    deliveryContact: DeliveryContact.optional(),
    totals: z.object({ amount: Money.optional(), depositDue: Money.optional() }),
    promisedDate: z.iso.date().optional(),
  })
  .meta({ id: 'OrderTerms' });

/** One row of the contract modification form: a line before and after (R14). */
export const LineDifference = z
  .object({
    line: z.int().min(1),
    productCode: z.string(),
    productName: z.string().optional(),
    change: z.enum(['added', 'removed', 'changed', 'unchanged']),
    before: z.object({ quantity: z.int(), unitPrice: UnitPrice.optional(), amount: Money.optional() }).optional(),
    after: z.object({ quantity: z.int(), unitPrice: UnitPrice.optional(), amount: Money.optional() }).optional(),
  })
  .meta({ id: 'LineDifference' });

/**
 * Where a change request stands: PMC assesses it (R11, R12), the planner approves its contract modification form
 * (R14), then it is applied as the order's next revision. Refused (R13), rejected by the planner, lapsed and
 * withdrawn (the order was cancelled or merged meanwhile) end it unapplied.
 */
export const ChangeRequestStatus = z
  .enum(['assessing', 'awaiting_approval', 'applied', 'refused', 'rejected', 'lapsed', 'withdrawn'])
  .meta({ id: 'ChangeRequestStatus' });

/** R14: the contract modification form (客户合同修改单) the planner approves. */
export const ModificationForm = z
  .object({
    orderNumber: z.string(),
    fromRevision: z.int().min(1),
    toRevision: z.int().min(2),
    lines: z.array(LineDifference),
    before: OrderTerms.omit({ lines: true }),
    after: OrderTerms.omit({ lines: true }),
    reason: z.string(),
    requestedBy: z.string(),
    requestedAt: Timestamp,
    assessedBy: z.string(),
    preparedAt: Timestamp,
  })
  .meta({ id: 'ModificationForm' });

export const ChangeRequest = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    customerId: z.string(),
    /** The revision the change was asked against; it applies only to that revision (never twice). */
    baseRevision: z.int().min(1),
    reason: z.string(),
    request: RequestedChanges,
    current: OrderTerms,
    proposed: OrderTerms,
    differences: z.array(LineDifference),
    /** The existing lines the change alters or removes (R12: none of them may be in production). */
    touchedLines: z.array(z.int().min(1)),
    /** The review of the proposed order, by the same rules as a new order (R2). */
    findings: z.array(Finding),
    status: ChangeRequestStatus,
    form: ModificationForm.optional(),
    /** How it ended, in writing (R13): who, when, why, and for a refusal the lines that could not change. */
    outcome: z
      .object({
        by: z.string(),
        at: Timestamp,
        reason: z.string(),
        lines: z.array(z.int().min(1)).optional(),
        revision: z.int().min(2).optional(),
      })
      .optional(),
    requestedBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'ChangeRequest' });

/** R15: one revision of an order's terms: who asked, who approved, what changed. Revision 1 is the order placed. */
export const OrderRevision = OrderTerms.extend({
  revision: z.int().min(1),
  at: Timestamp,
  by: z.string(),
  approvedBy: z.string().optional(),
  changeRequestId: z.string().optional(),
  reason: z.string().optional(),
  differences: z.array(LineDifference).optional(),
}).meta({ id: 'OrderRevision' });

/**
 * A change request as its events carry it: what was asked and how it stands, with the contract modification form
 * (R14: the departments get it in writing) — not the current and proposed terms, which the request itself keeps.
 */
export const ChangeRequestSummary = ChangeRequest.omit({
  request: true,
  current: true,
  proposed: true,
  differences: true,
  findings: true,
})
  .extend({
    form: ModificationForm.extend({ lines: z.array(LineDifference.omit({ productName: true })) }).optional(),
  })
  .meta({ id: 'ChangeRequestSummary' });

/** A revision as the event of the change that made it carries it: who and when (why: the change request's reason). */
export const RevisionSummary = OrderRevision.pick({
  revision: true,
  at: true,
  by: true,
  approvedBy: true,
  changeRequestId: true,
  requestedDate: true,
  totals: true,
  promisedDate: true,
}).meta({ id: 'RevisionSummary' });

/*
 * What a customer's user sees of its order's changes (docs/architecture.md, "What a customer sees"): whitelists like
 * CustomerOrder, built with z.object(…shape) so that parsing strips whatever is not listed. Left out: the review
 * findings of the proposed order (R2: the merchandiser takes them up), list prices, and who in the company asked,
 * assessed, approved or ended it (staff addresses).
 */

/** The terms as the customer sees them: its lines without list prices. */
export const CustomerOrderTerms = z
  .object({ ...OrderTerms.shape, lines: z.array(CustomerOrderLine) })
  .meta({ id: 'CustomerOrderTerms' });

/** R14: the contract modification form as the customer sees it: what changes, not who asked or assessed it. */
export const CustomerModificationForm = z
  .object(ModificationForm.omit({ requestedBy: true, assessedBy: true }).shape)
  .meta({ id: 'CustomerModificationForm' });

/** R13: how a change request ended, in writing: when, why and the lines that could not change — not who. */
export const CustomerChangeOutcome = z
  .object({
    at: Timestamp,
    reason: z.string(),
    lines: z.array(z.int().min(1)).optional(),
    revision: z.int().min(2).optional(),
  })
  .meta({ id: 'CustomerChangeOutcome' });

/** A change request as a customer's user sees it: what was asked, the terms before and after, how it stands. */
export const CustomerChangeRequest = z
  .object({
    ...ChangeRequest.omit({
      findings: true,
      requestedBy: true,
      current: true,
      proposed: true,
      form: true,
      outcome: true,
    }).shape,
    current: CustomerOrderTerms,
    proposed: CustomerOrderTerms,
    form: CustomerModificationForm.optional(),
    outcome: CustomerChangeOutcome.optional(),
  })
  .meta({ id: 'CustomerChangeRequest' });

/** R15: a revision as the customer sees it: its terms, when and why, which change made it — not who asked or approved. */
export const CustomerOrderRevision = z
  .object({
    ...OrderRevision.omit({ by: true, approvedBy: true }).shape,
    lines: z.array(CustomerOrderLine),
  })
  .meta({ id: 'CustomerOrderRevision' });

export type LineChange = z.infer<typeof LineChange>;
export type NewChangeRequest = z.infer<typeof NewChangeRequest>;
export type RequestedChanges = z.infer<typeof RequestedChanges>;
export type OrderTerms = z.infer<typeof OrderTerms>;
export type LineDifference = z.infer<typeof LineDifference>;
export type ModificationForm = z.infer<typeof ModificationForm>;
export type ChangeRequest = z.infer<typeof ChangeRequest>;
export type ChangeRequestStatus = z.infer<typeof ChangeRequestStatus>;
export type OrderRevision = z.infer<typeof OrderRevision>;
export type CustomerChangeRequest = z.infer<typeof CustomerChangeRequest>;
export type CustomerOrderRevision = z.infer<typeof CustomerOrderRevision>;
