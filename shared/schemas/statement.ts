import * as z from 'zod';
import { Currency, Language, pageOf, Timestamp } from './common.ts';
import { registerQuery } from './customer.ts';
import { Ageing, LedgerEntryKind } from './ledger.ts';

/** A statement's month (the company's calendar): 2026-11. */
export const StatementMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM)');

/** R38: a statement's number: ST, its month, the customer's code (ST202611-003); one per customer and month. */
export const StatementId = z
  .string()
  .regex(/^ST\d{6}-[A-Za-z0-9-]{1,20}$/, 'is not a statement number')
  .meta({ id: 'StatementId' });

export const StatementStatus = z.enum(['issued', 'sent', 'confirmed', 'disputed', 'unsigned']).meta({
  id: 'StatementStatus',
  description:
    'issued: written, not yet mailed; sent: waiting for the customer to sign it back; confirmed: signed back; disputed: finance is answering; unsigned: never signed back (R38, the chase ended).',
});
export type StatementStatus = z.infer<typeof StatementStatus>;

/** One move of the receivable in the month, as the statement lists it, with the balance after it. */
export const StatementLine = z
  .object({
    /** The company's day it was booked. */
    on: z.iso.date(),
    kind: LedgerEntryKind,
    reference: z.string(),
    orderNumber: z.string().optional(),
    reason: z.string().optional(),
    amount: z.number(),
    balance: z.number(),
  })
  .meta({ id: 'StatementLine' });
export type StatementLine = z.infer<typeof StatementLine>;

/** A correction finance made to a disputed statement (approved by the finance leader), booked on the ledger. */
export const StatementCorrection = z
  .object({
    reference: z.string(),
    amount: z.number(),
    reason: z.string(),
    bookedOn: z.iso.date(),
    by: z.string(),
    approvedBy: z.string(),
  })
  .meta({ id: 'StatementCorrection' });
export type StatementCorrection = z.infer<typeof StatementCorrection>;

/** R38: the customer's answer to a statement: it confirms it, or disputes entries of it with what is wrong. */
export const StatementSignBack = z
  .discriminatedUnion('outcome', [
    z.object({
      outcome: z.literal('confirmed'),
      /** Who signs for the customer. */
      signedBy: z.string().trim().min(1).max(100),
    }),
    z.object({
      outcome: z.literal('disputed'),
      signedBy: z.string().trim().min(1).max(100),
      /** The references of the entries disputed (as listed); none when the dispute is about what is missing. */
      entries: z.array(z.string().max(60)).max(200).default([]),
      comment: z.string().trim().min(1).max(1000),
    }),
  ])
  .meta({ id: 'StatementSignBack' });
export type StatementSignBack = z.infer<typeof StatementSignBack>;

export const StatementSignature = z
  .object({
    outcome: z.enum(['confirmed', 'disputed']),
    signedBy: z.string(),
    at: Timestamp,
    revision: z.int().min(1),
    /** How it came back: the link e-mailed with the statement (and which one), or the customer's system. */
    via: z.enum(['link', 'api']),
    /** Which link: the start of its hash (the link itself is never stored). */
    link: z.string().optional(),
    entries: z.array(z.string()).optional(),
    comment: z.string().optional(),
  })
  .meta({ id: 'StatementSignature' });
export type StatementSignature = z.infer<typeof StatementSignature>;

export const Statement = z
  .object({
    id: StatementId,
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    language: Language,
    month: StatementMonth,
    /** The first and last day of the month. */
    from: z.iso.date(),
    to: z.iso.date(),
    currency: Currency,
    /** 1, then one more for each corrected statement issued after a dispute (R38). */
    revision: z.int().min(1),
    opening: z.number(),
    lines: z.array(StatementLine),
    debits: z.number(),
    credits: z.number(),
    closing: z.number(),
    corrections: z.array(StatementCorrection),
    /** What the customer owes by the statement once corrected: the closing and the corrections. */
    due: z.number(),
    /** R40: what is owed at the month's end by how long overdue. */
    ageing: Ageing,
    status: StatementStatus,
    issuedAt: Timestamp,
    sentAt: Timestamp.optional(),
    /** Every answer, the latest last. */
    signatures: z.array(StatementSignature),
    /** Finance's answer to the last dispute when the statement stands as it is. */
    explanation: z.string().optional(),
    /** R38: when the customer was reminded, and when the merchandiser was asked to chase. */
    remindedOn: z.iso.date().optional(),
    chasedOn: z.iso.date().optional(),
    accountOwner: z.string(),
    /** R38: finance's correction of the last dispute, waiting for the finance leader's approval. */
    pendingCorrection: z.object({ amount: z.number(), reason: z.string(), by: z.string() }).optional(),
    /** Where its workflow last went on a person's decision (a retried step answers the same). */
    lastDecision: z.object({ approvalId: z.string(), next: z.string() }).optional(),
    version: z.int().min(1),
  })
  .meta({ id: 'Statement' });
export type Statement = z.infer<typeof Statement>;

/** A statement as its events carry it: without its lines. */
export const StatementSummary = Statement.pick({
  id: true,
  customerId: true,
  customerName: true,
  month: true,
  revision: true,
  status: true,
  currency: true,
  closing: true,
  due: true,
  accountOwner: true,
}).meta({ id: 'StatementSummary' });
export type StatementSummary = z.infer<typeof StatementSummary>;

export const StatementPage = pageOf(Statement, 'StatementPage');

/** A statement as the customer reads it: without who follows it in the company and the workflow's bookkeeping. */
export const CustomerStatement = z
  .object(Statement.omit({ accountOwner: true, lastDecision: true, pendingCorrection: true }).shape)
  .meta({ id: 'CustomerStatement' });
export type CustomerStatement = z.infer<typeof CustomerStatement>;
export const CustomerStatementPage = pageOf(CustomerStatement, 'CustomerStatementPage');
export const StatementIdParams = z.object({ id: StatementId });
export const StatementsQuery = registerQuery(StatementStatus);

/** What a month's close carries to the next month's statement (docs/decisions/month-end-statements.md). */
export const LedgerClose = z.object({
  customerId: z.string(),
  month: StatementMonth,
  /** Where the month was cut: its end, or the moment of a run made before it ended. */
  cutAt: Timestamp,
  closing: z.number(),
  carried: z.object({
    notes: z.array(z.object({ reference: z.string(), at: Timestamp, amount: z.number(), open: z.number() })),
    credit: z.number(),
  }),
  statementId: StatementId,
});
export type LedgerClose = z.infer<typeof LedgerClose>;
