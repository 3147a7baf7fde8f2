import * as z from 'zod';
import { Currency, Cursor, Email, Language, Money, pageOf, Region, Timestamp, Version } from './common.ts';
import { StaffId } from './staff.ts';

export const CustomerCode = z
  .string()
  .regex(/^(?!000)\d{3}$/, 'must be three digits from 001 to 999')
  .meta({ description: 'R3: three-digit customer code, unique, used in order numbers.' });

export const Contact = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: Email,
    language: Language,
    phone: z.string().trim().max(40).optional(),
  })
  .strict()
  .meta({ id: 'Contact' });

export const Address = z
  .object({
    label: z.string().trim().min(1).max(60),
    lines: z.array(z.string().trim().min(1).max(200)).min(1).max(4),
    city: z.string().trim().min(1).max(100),
    postalCode: z.string().trim().max(20).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  })
  .strict()
  .meta({ id: 'Address' });

/** R9 and F7: how a customer pays. */
export const SettlementTerms = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('prepaid') }).strict(),
    z
      .object({
        type: z.literal('deposit'),
        depositPercent: z.int().min(1).max(99),
      })
      .strict(),
    z
      .object({
        type: z.literal('monthly'),
        creditLimit: Money.multipleOf(0.01),
      })
      .strict(),
  ])
  .meta({
    id: 'SettlementTerms',
    description: 'prepaid | deposit % then balance before shipping | monthly settlement',
  });

export const CustomerStatus = z
  .enum(['pending_review', 'active', 'rejected', 'inactive'])
  .meta({ id: 'CustomerStatus' });

/** The account owner as a request names them: resolved on the server (shared/application/people.ts accountOwnerId). */
export const AccountOwnerRef = z.string().trim().min(1).max(254).meta({
  description:
    "The merchandiser owning the account, by staff id or e-mail (an active merchandiser of the staff directory); the customer's sales manager is their leader.",
});

const CustomerFields = z.object({
  name: z.string().trim().min(1).max(200),
  contacts: z.array(Contact).min(1).max(20),
  addresses: z.array(Address).max(20),
  region: Region,
  currency: Currency,
  settlement: SettlementTerms,
  accountOwner: AccountOwnerRef,
});

/**
 * A customer's terms — settlement (with its credit limit) and account owner (who decides which sales manager
 * approves) — change only through a terms change the sales manager approves; until then the old values apply (see
 * docs/decisions/customer-terms-by-request.md). An edit naming one is refused with 400 on the field, saying where to ask.
 */
const changedOnlyByRequest = z
  .never({
    error: 'is not changed here: ask for it with POST /customers/{id}/terms-changes (the sales manager approves it)',
  })
  .optional()
  .meta({ description: "Not changed here: POST /customers/{id}/terms-changes asks the sales manager's approval." });

export const NewCustomer = CustomerFields.extend({
  code: CustomerCode,
  addresses: CustomerFields.shape.addresses.default([]),
})
  .strict()
  .meta({ id: 'NewCustomer' });

export const CustomerChanges = CustomerFields.partial()
  .extend({
    settlement: changedOnlyByRequest,
    accountOwner: changedOnlyByRequest,
    version: Version.optional().meta({ description: 'The version you read; alternatively send it as If-Match.' }),
  })
  .strict()
  .refine((changes) => Object.keys(changes).some((key) => key !== 'version'), 'must change at least one field')
  .meta({
    id: 'CustomerChanges',
    description:
      "Fields to change; the code cannot change, and the terms (settlement, accountOwner) change only with the sales manager's approval (POST /customers/{id}/terms-changes).",
  });

/** R10: the outcome of the onboarding review, with the written reason of a rejection. */
export const CustomerReview = z
  .object({
    outcome: z.enum(['active', 'rejected']),
    reason: z.string().optional(),
    decidedBy: z.string(),
    decidedAt: Timestamp,
  })
  .meta({ id: 'CustomerReview' });

export const Customer = CustomerFields.extend({
  id: z.string(),
  accountOwner: StaffId.meta({
    description: 'The merchandiser owning the account; the sales manager is their leader.',
  }),
  code: CustomerCode,
  status: CustomerStatus,
  review: CustomerReview.optional(),
  version: Version,
  createdAt: Timestamp,
  createdBy: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
}).meta({ id: 'Customer' });

export const CustomerPage = pageOf(Customer, 'CustomerPage');

/** A customer as its events carry it: without its contacts and addresses (the customer record has them). */
export const CustomerSummary = Customer.omit({ contacts: true, addresses: true }).meta({ id: 'CustomerSummary' });

export const CustomerIdParams = z.object({ id: z.string().regex(/^cus_[0-9A-Z]{26}$/, 'is not a customer id') });

export type NewCustomer = z.infer<typeof NewCustomer>;
export type CustomerChanges = z.infer<typeof CustomerChanges>;
export type Customer = z.infer<typeof Customer>;
export type CustomerReview = z.infer<typeof CustomerReview>;
export type SettlementTerms = z.infer<typeof SettlementTerms>;

/** A register's query (complaints R29, returns R30): by status, of a customer, made on or after a day; a page. */
export const registerQuery = <S extends z.ZodType>(status: S) =>
  z.object({
    status: status.optional(),
    customer: CustomerIdParams.shape.id.optional(),
    /** Made on or after this day. */
    from: z.iso.date().optional(),
    cursor: Cursor.optional(),
    limit: z.coerce.number<string>().int().min(1).max(100).default(50),
  });
