import * as z from 'zod';
import { Timestamp, Version } from './common.ts';
import { AccountOwnerRef, CustomerCode, CustomerIdParams, SettlementTerms } from './customer.ts';
import { StaffId } from './staff.ts';

/**
 * A customer's terms that change only with the sales manager's approval: the settlement terms (R9; with the credit
 * limit of monthly settlement, F7) and the account owner (whose leader is the sales manager). Until the approval the
 * customer keeps its old values.
 */

/** POST /customers/{id}/terms-changes: what is to change (one or both), and why, in writing. */
export const NewTermsChange = z
  .object({
    settlement: SettlementTerms.optional(),
    accountOwner: AccountOwnerRef.optional(),
    reason: z.string().trim().min(1, 'is required: say in writing why the terms change').max(2000),
  })
  .strict()
  .meta({
    id: 'NewTermsChange',
    description:
      'At least one of settlement and accountOwner, each different from the current value; the reason in writing.',
  });

/** Values of the terms, as the customer holds them (the account owner by staff id). */
export const CustomerTerms = z
  .object({ settlement: SettlementTerms.optional(), accountOwner: StaffId.optional() })
  .meta({ id: 'CustomerTerms' });

/** pending: waits for the sales manager; approved: the customer has the new values; refused in writing; lapsed. */
export const TermsChangeStatus = z.enum(['pending', 'approved', 'refused', 'lapsed']).meta({ id: 'TermsChangeStatus' });

export const TermsChange = z
  .object({
    id: z.string().meta({ description: 'tch_<ULID>' }),
    customerId: z.string(),
    customerCode: CustomerCode,
    status: TermsChangeStatus,
    requested: CustomerTerms.meta({ description: 'The values asked for: only the fields that change.' }),
    before: CustomerTerms.meta({ description: "The customer's values of those fields when asked." }),
    reason: z.string(),
    requestedBy: z.string(),
    requestedAt: Timestamp,
    decidedBy: z.string().optional(),
    decidedAt: Timestamp.optional(),
    /** The decider's written reason (a refusal always has one), or why the request lapsed or could not apply. */
    decisionReason: z.string().optional(),
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'TermsChange' });

export const TermsChangeList = z.object({ items: z.array(TermsChange) }).meta({ id: 'TermsChangeList' });

export const TermsChangeParams = CustomerIdParams.extend({
  changeId: z.string().regex(/^tch_[0-9A-Z]{26}$/, 'is not a terms change id'),
});

/** One changed term in words, before and after (the approver's facts, the outcome's e-mail). */
export const TermsChangeLine = z.object({ label: z.string(), before: z.string(), after: z.string() });

export type NewTermsChange = z.infer<typeof NewTermsChange>;
export type CustomerTerms = z.infer<typeof CustomerTerms>;
export type TermsChangeStatus = z.infer<typeof TermsChangeStatus>;
export type TermsChange = z.infer<typeof TermsChange>;
export type TermsChangeLine = z.infer<typeof TermsChangeLine>;
