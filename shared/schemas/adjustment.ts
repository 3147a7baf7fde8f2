import * as z from 'zod';
import { Currency, maxAmount, Timestamp, Version } from './common.ts';
import { CustomerCode, CustomerIdParams } from './customer.ts';

/**
 * F7 (R40): a manual adjustment of a customer's receivable by finance — a debit (+) or a credit (−) with its reason in
 * writing — booked on the ledger only once the requester's leader (the finance leader) approves
 * (docs/decisions/ledger-adjustments.md).
 */

/** POST /customers/{id}/adjustments: how much, which way, and why. */
export const NewLedgerAdjustment = z
  .object({
    amount: z
      .number({ error: 'must be an amount' })
      .refine((amount) => amount !== 0, 'cannot be 0: a debit is more than 0, a credit less')
      .refine((amount) => Math.abs(amount) <= maxAmount, 'is too large')
      .meta({
        description: `What the customer owes more (a debit, > 0) or less (a credit, < 0), in its currency's minor unit (cents; whole yen), at most ${maxAmount.toLocaleString('en')} either way.`,
      }),
    reason: z.string().trim().min(1, 'is required: say in writing why the ledger is adjusted').max(400),
    /** What it corrects, when there is a document: an order's number, a statement's, a delivery note's. */
    reference: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9/_.#-]{1,39}$/, 'must be 2–40 letters, digits, "/", "_", ".", "#" or "-"')
      .optional(),
  })
  .strict()
  .meta({ id: 'NewLedgerAdjustment' });

/** pending: waits for the finance leader; approved: booked on the ledger; refused in writing; lapsed. */
export const LedgerAdjustmentStatus = z
  .enum(['pending', 'approved', 'refused', 'lapsed'])
  .meta({ id: 'LedgerAdjustmentStatus' });

export const LedgerAdjustment = z
  .object({
    id: z.string().meta({ description: 'adj_<ULID>' }),
    customerId: z.string(),
    customerCode: CustomerCode,
    amount: z.number(),
    currency: Currency,
    reason: z.string(),
    reference: z.string().optional(),
    status: LedgerAdjustmentStatus,
    requestedBy: z.string(),
    requestedAt: Timestamp,
    decidedBy: z.string().optional(),
    decidedAt: Timestamp.optional(),
    /** The decider's written reason (a refusal always has one), or why the request lapsed. */
    decisionReason: z.string().optional(),
    /** When the approved adjustment was booked: its ledger entry's `at`. */
    bookedAt: Timestamp.optional(),
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'LedgerAdjustment' });

export const LedgerAdjustmentList = z.object({ items: z.array(LedgerAdjustment) }).meta({ id: 'LedgerAdjustmentList' });

export const LedgerAdjustmentParams = CustomerIdParams.extend({
  adjustmentId: z.string().regex(/^adj_[0-9A-Z]{26}$/, 'is not an adjustment id'),
});

export type NewLedgerAdjustment = z.infer<typeof NewLedgerAdjustment>;
export type LedgerAdjustment = z.infer<typeof LedgerAdjustment>;
