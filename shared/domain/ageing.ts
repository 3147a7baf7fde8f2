import type { Currency } from '../schemas/common.ts';
import type { SettlementTerms } from '../schemas/customer.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import { companyTimeZone } from './company.ts';
import { addDays, calendarDateIn, daysBetween } from './lead-time.ts';
import { amountLeft, sumAmounts } from './order-amounts.ts';

/** R40: what is owed by how long it is overdue: not yet due, 1–30, 31–60, 61–90 and over 90 days. */
export type Ageing = { current: number; days1to30: number; days31to60: number; days61to90: number; over90: number };

const voidOf: Partial<Record<LedgerEntry['kind'], LedgerEntry['kind']>> = {
  'delivery-note-void': 'delivery-note',
  'return-note-void': 'return-note',
};

/**
 * When a delivery note falls due by the customer's terms (docs/decisions/receivables-ageing.md): a monthly customer
 * pays the month's statement by the end of the month after (月结 30 天); the others owe the balance before the goods
 * ship (R9), so a note booked is due at once.
 */
export function dueOn(bookedOn: string, terms: SettlementTerms) {
  if (terms.type !== 'monthly') return bookedOn;
  const [year, month] = bookedOn.split('-').map(Number) as [number, number];
  const firstOfMonthAfterNext = new Date(Date.UTC(year, month + 1, 1)).toISOString().slice(0, 10);
  return addDays(firstOfMonthAfterNext, -1);
}

/** A debit still open after what was paid or credited settled the oldest first, with when it fell due. */
export type OpenDebit = {
  kind: LedgerEntry['kind'];
  reference: string;
  orderNumber?: string;
  bookedOn: string;
  dueOn: string;
  /** What of it is still owed. */
  open: number;
  /** Days past its due date on `today` (0 or less: not yet due). */
  daysOverdue: number;
};

type AgeingTerms = { terms: SettlementTerms; currency: Currency; today: string };

/**
 * R40: what is still owed, debit by debit, oldest first. A void takes its note out; what was paid or credited
 * (payments, return notes, credit adjustments) settles the oldest debits first (delivery notes, debit adjustments).
 */
export function openDebits(entries: readonly LedgerEntry[], { terms, currency, today }: AgeingTerms): OpenDebit[] {
  const voided = new Set(entries.flatMap((e) => (voidOf[e.kind] ? [`${voidOf[e.kind]}#${e.reference}`] : [])));
  const live = entries.filter((e) => !voidOf[e.kind] && !voided.has(`${e.kind}#${e.reference}`));
  const debits = live.filter((e) => e.amount > 0).sort((a, b) => a.at.localeCompare(b.at));
  let credit = sumAmounts(
    live.filter((e) => e.amount < 0).map((e) => -e.amount),
    currency,
  );
  const open: OpenDebit[] = [];
  for (const debit of debits) {
    const left = amountLeft(debit.amount, credit, currency);
    credit = amountLeft(credit, debit.amount, currency);
    if (left === 0) continue;
    const bookedOn = calendarDateIn(new Date(debit.at), companyTimeZone);
    const due = dueOn(bookedOn, terms);
    open.push({
      kind: debit.kind,
      reference: debit.reference,
      ...(debit.orderNumber ? { orderNumber: debit.orderNumber } : {}),
      bookedOn,
      dueOn: due,
      open: left,
      daysOverdue: daysBetween(due, today),
    });
  }
  return open;
}

const bucketOf = (late: number): keyof Ageing =>
  late <= 0 ? 'current' : late <= 30 ? 'days1to30' : late <= 60 ? 'days31to60' : late <= 90 ? 'days61to90' : 'over90';

/** R40: the receivable by age: each open debit counts by the days it is overdue on `today`. */
export function ageing(entries: readonly LedgerEntry[], terms: AgeingTerms): Ageing {
  return ageingOf(openDebits(entries, terms), terms.currency);
}

function ageingOf(open: readonly OpenDebit[], currency: Currency): Ageing {
  const aged: Ageing = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
  for (const debit of open) {
    const bucket = bucketOf(debit.daysOverdue);
    aged[bucket] = sumAmounts([aged[bucket], debit.open], currency);
  }
  return aged;
}

/** What a customer owes past due, and since when: the ageing, the overdue total and the oldest overdue debit. */
export type Overdue = {
  ageing: Ageing;
  /** Everything past its due date (every bucket but `current`). */
  overdue: number;
  /** Days the oldest open debit is overdue (0: nothing is). */
  oldestOverdueDays: number;
  /** That debit's due date. */
  oldestDueOn?: string;
  /** The open debits past due, the oldest first. */
  overdueDebits: OpenDebit[];
};

/** R40: the ageing of a customer's ledger with what is overdue in it (the ageing report, the overdue reminders). */
export function overdueOf(entries: readonly LedgerEntry[], terms: AgeingTerms): Overdue {
  const open = openDebits(entries, terms);
  const aged = ageingOf(open, terms.currency);
  const overdueDebits = open.filter((debit) => debit.daysOverdue > 0);
  const oldest = overdueDebits.reduce<OpenDebit | undefined>(
    (found, debit) => (found && found.daysOverdue >= debit.daysOverdue ? found : debit),
    undefined,
  );
  return {
    ageing: aged,
    overdue: sumAmounts([aged.days1to30, aged.days31to60, aged.days61to90, aged.over90], terms.currency),
    oldestOverdueDays: oldest?.daysOverdue ?? 0,
    ...(oldest ? { oldestDueOn: oldest.dueOn } : {}),
    overdueDebits,
  };
}
