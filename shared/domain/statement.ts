import type { Currency } from '../schemas/common.ts';
import type { Customer } from '../schemas/customer.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import type {
  CustomerStatement,
  LedgerClose,
  Statement,
  StatementCorrection,
  StatementSignature,
  StatementSignBack,
  StatementSummary,
} from '../schemas/statement.ts';
import { agedAt, carryForward, nothingOpen } from './ageing.ts';
import { companyMidnight, companyTimeZone } from './company.ts';
import { Conflict, ValidationFailed } from './errors.ts';
import { addDays, calendarDateIn, daysBetween } from './lead-time.ts';
import { namedLink, namedLinkParts } from './named-links.ts';
import { balanceOf, sumAmounts } from './order-amounts.ts';

/** R38: a statement's number, one per customer and month (ST202611-003). */
export const statementId = (month: string, customerCode: string) => `ST${month.replace('-', '')}-${customerCode}`;

/** R38: the sign-back link e-mailed with a statement names it beside the secret: both are read in one request (A87). */
export const statementLink = (id: string, secret: string) => namedLink([id], secret);

/** The parts of a sign-back link; one of the secret alone (e-mailed before links named their statement) has no id. */
export function statementLinkParts(link: string): { id?: string; secret: string } | undefined {
  const parts = namedLinkParts(link, [/^ST\d{6}-[A-Za-z0-9-]{1,20}$/]);
  return parts?.names ? { id: parts.names[0], secret: parts.secret } : parts;
}

/** The month before the one `day` falls in: the month a run at the start of a month states. */
export function previousMonth(day: string) {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
}

/** The first and last day of a month, and the instants it begins and ends (the company's midnights). */
export function monthBounds(month: string) {
  const from = `${month}-01`;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  return { from, to: addDays(next, -1), begins: companyMidnight(from), ends: companyMidnight(next) };
}

/** Where a month is cut for its statement: its end, or now for a run made before it ended (never in the future). */
export const cutOf = (month: string, now: string) => {
  const { ends } = monthBounds(month);
  return now < ends ? now : ends;
};

/** R38: whose statements the month-end run writes: customers settling monthly (月结). */
export const statesMonthly = (customer: Pick<Customer, 'settlement' | 'status'>) =>
  customer.settlement.type === 'monthly' && customer.status !== 'rejected';

/** What the ledger read back from a month's end holds: that month's entries, and what came before them. */
export type LedgerBack = {
  /** The close of the month last stated, if any (the opening of the months after it). */
  previous?: LedgerClose;
  /** Entries after that close and before the month (none unless the customer was never stated before). */
  earlier: LedgerEntry[];
  entries: LedgerEntry[];
};

/**
 * R38: the statement of a customer's month from its ledger: the opening balance (the last close, and whatever came
 * after it before the month), each entry with the balance after it, the closing balance and the ageing at the
 * month's end; and the close the next month starts from. None when the month moved nothing and nothing is owed.
 */
export function statementOf(
  customer: Pick<Customer, 'id' | 'code' | 'name' | 'currency' | 'settlement' | 'accountOwner' | 'contacts'>,
  month: string,
  back: LedgerBack,
  now: string,
): { statement: Statement; close: LedgerClose } | undefined {
  const { currency } = customer;
  const sum = (amounts: number[]) => balanceOf(amounts, currency);
  const foreign = [...back.earlier, ...back.entries].find((e) => e.currency !== currency);
  if (foreign) {
    throw new ValidationFailed(
      [{ field: 'currency', message: `is ${currency}, but ${foreign.reference} was booked in ${foreign.currency}` }],
      `The ledger of ${customer.code} holds ${foreign.reference} in ${foreign.currency}`,
    );
  }
  const opening = sum([back.previous?.closing ?? 0, ...back.earlier.map((e) => e.amount)]);
  const carried = carryForward(back.previous?.carried ?? nothingOpen, back.earlier, currency);
  const entries = [...back.entries].sort((a, b) => a.at.localeCompare(b.at));
  let balance = opening;
  const lines = entries.map((entry) => {
    balance = sum([balance, entry.amount]);
    return {
      on: calendarDateIn(new Date(entry.at), companyTimeZone),
      kind: entry.kind,
      reference: entry.reference,
      ...(entry.orderNumber ? { orderNumber: entry.orderNumber } : {}),
      ...(entry.reason ? { reason: entry.reason } : {}),
      amount: entry.amount,
      balance,
    };
  });
  if (lines.length === 0 && balance === 0) return undefined;
  const { from, to } = monthBounds(month);
  const open = carryForward(carried, entries, currency);
  const id = statementId(month, customer.code);
  const language = customer.contacts[0]?.language ?? 'zh-CN';
  return {
    statement: {
      id,
      customerId: customer.id,
      customerCode: customer.code,
      customerName: customer.name,
      language,
      month,
      from,
      to,
      currency,
      revision: 1,
      opening,
      lines,
      debits: sumAmounts(
        entries.filter((e) => e.amount > 0).map((e) => e.amount),
        currency,
      ),
      credits: sumAmounts(
        entries.filter((e) => e.amount < 0).map((e) => -e.amount),
        currency,
      ),
      closing: balance,
      corrections: [],
      due: balance,
      ageing: agedAt(open.notes, { terms: customer.settlement, currency, today: to }),
      status: 'issued',
      issuedAt: now,
      signatures: [],
      accountOwner: customer.accountOwner,
      version: 1,
    },
    close: {
      customerId: customer.id,
      month,
      cutAt: cutOf(month, now),
      closing: balance,
      carried: open,
      statementId: id,
    },
  };
}

/** Where a statement may be signed back from: only while it waits for the customer (R38). */
export function signedBack(
  statement: Statement,
  answer: StatementSignBack,
  how: Pick<StatementSignature, 'via' | 'link'>,
  now: string,
): Statement {
  if (statement.status !== 'sent') {
    throw new Conflict(
      statement.status === 'confirmed'
        ? `Statement ${statement.id} was confirmed already.`
        : statement.status === 'disputed'
          ? `Statement ${statement.id} is disputed: finance is answering; a corrected statement will follow.`
          : `Statement ${statement.id} is not waiting for its signature (${statement.status}).`,
    );
  }
  const listed = new Set(statement.lines.map((l) => l.reference));
  if (answer.outcome === 'disputed') {
    const unknown = answer.entries.findIndex((reference) => !listed.has(reference));
    if (unknown >= 0) {
      throw new ValidationFailed(
        [{ field: `entries.${unknown}`, message: `${answer.entries[unknown]} is not an entry of ${statement.id}` }],
        'A disputed entry is not on the statement.',
      );
    }
  }
  const signature: StatementSignature = {
    outcome: answer.outcome,
    signedBy: answer.signedBy,
    at: now,
    revision: statement.revision,
    ...how,
    ...(answer.outcome === 'disputed' ? { entries: answer.entries, comment: answer.comment } : {}),
  };
  return { ...statement, status: answer.outcome, signatures: [...statement.signatures, signature] };
}

/** R38: the corrected statement, a new revision to sign again: the correction listed and what is due with it. */
export function corrected(statement: Statement, correction: StatementCorrection): Statement {
  const corrections = [...statement.corrections, correction];
  const { pendingCorrection: _, sentAt: _sent, remindedOn: _reminded, chasedOn: _chased, ...rest } = statement;
  return {
    ...rest,
    revision: statement.revision + 1,
    corrections,
    due: balanceOf([statement.closing, ...corrections.map((c) => c.amount)], statement.currency),
    status: 'issued',
  };
}

/** The reference of the correction to a statement's revision: the ledger's entry names it. */
export const correctionReference = (statement: Pick<Statement, 'id' | 'revision'>) =>
  `${statement.id}-R${statement.revision + 1}`;

/** The last dispute of a statement, what finance answers. */
export const lastDispute = (statement: Statement) =>
  statement.signatures.findLast((s) => s.outcome === 'disputed' && s.revision === statement.revision);

/**
 * R38, docs/decisions/month-end-statements.md: a statement not signed back is reminded to the customer a week after
 * it was sent, and after two weeks the merchandiser is asked to chase it; each once.
 */
export const remindAfterDays = 7;
export const chaseAfterDays = 14;

export function followUpOf(statement: Statement, today: string): 'remind' | 'chase' | undefined {
  if (statement.status !== 'sent' || !statement.sentAt) return undefined;
  const waited = daysBetween(calendarDateIn(new Date(statement.sentAt), companyTimeZone), today);
  if (waited >= chaseAfterDays && !statement.chasedOn) return 'chase';
  if (waited >= remindAfterDays && !statement.remindedOn) return 'remind';
  return undefined;
}

/** The month's statements counted for finance's summary. */
export function statementCounts(statements: readonly Pick<Statement, 'status'>[]) {
  const counts = { issued: 0, sent: 0, confirmed: 0, disputed: 0, unsigned: 0 };
  for (const s of statements) counts[s.status]++;
  return counts;
}

export const currencyOf = (statement: Pick<Statement, 'currency'>): Currency => statement.currency;

/** What the statement's events carry. */
export const statementSummary = (s: Statement): StatementSummary => ({
  id: s.id,
  customerId: s.customerId,
  customerName: s.customerName,
  month: s.month,
  revision: s.revision,
  status: s.status,
  currency: s.currency,
  closing: s.closing,
  due: s.due,
  accountOwner: s.accountOwner,
});

/** What a customer's user reads of its statement (R42): the document and its answers, not the company's workings. */
export function customerStatement(s: Statement): CustomerStatement {
  const { accountOwner: _, lastDecision: _last, pendingCorrection: _pending, ...own } = s;
  return own;
}
