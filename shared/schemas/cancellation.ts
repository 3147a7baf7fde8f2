import * as z from 'zod';
import { Currency, Timestamp, Version } from './common.ts';
import { Money } from './order.ts';

/** R16: a request to cancel an order, with the reason in writing. */
export const NewCancellation = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: 'NewCancellation' });

/** waiting for its decision; approved (the order is cancelled), refused in writing, or lapsed (nobody answered). */
export const CancellationStatus = z
  .enum(['waiting', 'approved', 'refused', 'lapsed'])
  .meta({ id: 'CancellationStatus' });

/**
 * R16: who decides, by the order's amount: up to and including the limit set for its currency the customer's
 * sales manager (role leader); above it, without a limit for the currency, or without a known total, the general
 * manager (role gm).
 */
export const CancellationAuthority = z
  .object({
    role: z.enum(['leader', 'gm']),
    /** The manager's limit in the order's currency, when one is set. */
    limit: Money.optional(),
  })
  .meta({ id: 'CancellationAuthority' });

export const CancellationRequest = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    customerId: z.string(),
    reason: z.string(),
    status: CancellationStatus,
    /** The order's total and currency when asked (absent while a line has no price). */
    amount: Money.optional(),
    currency: Currency,
    /** Set once its workflow has weighed the amount (R16). */
    authority: CancellationAuthority.optional(),
    requestedBy: z.string(),
    requestedAt: Timestamp,
    decidedBy: z.string().optional(),
    decidedAt: Timestamp.optional(),
    /** The decider's written reason (a refusal always has one), or why the request lapsed. */
    decisionReason: z.string().optional(),
    /** R16: the deposit received, owed back to the customer as a credit once the order is cancelled. */
    creditOwed: Money.optional(),
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'CancellationRequest' });

/**
 * A cancellation request as a customer's user sees it (docs/architecture.md, "What a customer sees"): what was
 * asked, where it stands and the written decision, with the credit owed — not who in the company asked or decided,
 * nor which manager's authority and limit it needed (R16: how the company decides). A whitelist: parsing strips
 * whatever is not listed.
 */
export const CustomerCancellationRequest = z
  .object(CancellationRequest.omit({ authority: true, requestedBy: true, decidedBy: true }).shape)
  .meta({ id: 'CustomerCancellationRequest' });

/** R16: a deposit received for an order since cancelled, owed back to the customer (F7 settles it). */
export const CustomerCredit = z
  .object({
    customerId: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    amount: Money,
    currency: Currency,
    reason: z.string(),
    at: Timestamp,
  })
  .meta({ id: 'CustomerCredit' });

export type NewCancellation = z.infer<typeof NewCancellation>;
export type CancellationStatus = z.infer<typeof CancellationStatus>;
export type CancellationAuthority = z.infer<typeof CancellationAuthority>;
export type CancellationRequest = z.infer<typeof CancellationRequest>;
export type CustomerCredit = z.infer<typeof CustomerCredit>;
export type CustomerCancellationRequest = z.infer<typeof CustomerCancellationRequest>;
