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

/** A note still owed, in full as booked and what of it is open. */
export type OpenNote = { reference: string; at: string; amount: number; open: number };

/**
 * What a stretch of the ledger leaves owed: the notes not yet settled (oldest first) and the credit not set against
 * any (money paid ahead). A month's statement carries it forward, so the next month reads that month only.
 */
export type OpenItems = { notes: OpenNote[]; credit: number };
export const nothingOpen: OpenItems = { notes: [], credit: 0 };

/**
 * The open items after `entries` (oldest first) are booked on top of `carried`. A void takes its note (or return note)
 * out; a note settled before (in an earlier stretch) gives back what was set against it. What was paid or credited
 * (payments, return notes, adjustments down) settles the oldest notes first. A return note of an earlier stretch made
 * void takes its credit back from what is unused, the rest owed from the day of the void.
 */
export function carryForward(carried: OpenItems, entries: readonly LedgerEntry[], currency: Currency): OpenItems {
  const key = (kind: LedgerEntry['kind'] | undefined, reference: string) => `${kind}#${reference}`;
  const here = new Set(entries.map((e) => key(e.kind, e.reference)));
  const voided = new Set(entries.flatMap((e) => (voidOf[e.kind] ? [key(voidOf[e.kind], e.reference)] : [])));
  /** A void and what it voids, both in this stretch: neither counts. */
  const pairedHere = (e: LedgerEntry) =>
    voidOf[e.kind] ? here.has(key(voidOf[e.kind], e.reference)) : voided.has(key(e.kind, e.reference));
  const notes = carried.notes.map((note) => ({ ...note }));
  let credit = carried.credit;
  for (const entry of [...entries].sort((a, b) => a.at.localeCompare(b.at))) {
    if (pairedHere(entry)) continue;
    if (entry.kind === 'delivery-note-void') {
      const at = notes.findIndex((note) => note.reference === entry.reference);
      const [settled] = at >= 0 ? notes.splice(at, 1) : [];
      credit = sumAmounts(
        [credit, settled ? amountLeft(settled.amount, settled.open, currency) : -entry.amount],
        currency,
      );
    } else if (entry.kind === 'return-note-void') {
      const owed = amountLeft(entry.amount, credit, currency);
      credit = amountLeft(credit, entry.amount, currency);
      if (owed > 0) notes.push({ reference: entry.reference, at: entry.at, amount: owed, open: owed });
    } else if (entry.amount > 0) {
      notes.push({ reference: entry.reference, at: entry.at, amount: entry.amount, open: entry.amount });
    } else {
      credit = sumAmounts([credit, -entry.amount], currency);
    }
  }
  const open: OpenNote[] = [];
  for (const note of notes.sort((a, b) => a.at.localeCompare(b.at))) {
    const left = amountLeft(note.open, credit, currency);
    credit = amountLeft(credit, note.open, currency);
    if (left > 0) open.push({ ...note, open: left });
  }
  return { notes: open, credit };
}

/** R40: the notes still open by the days each is overdue on `today`, by the customer's terms. */
export function agedAt(
  notes: readonly OpenNote[],
  { terms, currency, today }: { terms: SettlementTerms; currency: Currency; today: string },
): Ageing {
  const aged: Ageing = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
  for (const note of notes) {
    const late = daysBetween(dueOn(calendarDateIn(new Date(note.at), companyTimeZone), terms), today);
    const bucket: keyof Ageing =
      late <= 0
        ? 'current'
        : late <= 30
          ? 'days1to30'
          : late <= 60
            ? 'days31to60'
            : late <= 90
              ? 'days61to90'
              : 'over90';
    aged[bucket] = sumAmounts([aged[bucket], note.open], currency);
  }
  return aged;
}

/** R40: the receivable by age, from the customer's whole ledger (oldest notes settled first). */
export const ageing = (
  entries: readonly LedgerEntry[],
  options: { terms: SettlementTerms; currency: Currency; today: string },
): Ageing => agedAt(carryForward(nothingOpen, entries, options.currency).notes, options);

/** A debit still open (a delivery note, a debit adjustment, a voided return note), with when it fell due. */
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

/**
 * R40: the ageing of a customer's whole ledger with what is overdue in it, debit by debit (the ageing report, the
 * overdue reminders): the notes `carryForward` leaves open, each named by the entry that booked it.
 */
export function overdueOf(
  entries: readonly LedgerEntry[],
  options: { terms: SettlementTerms; currency: Currency; today: string },
): Overdue {
  const { notes } = carryForward(nothingOpen, entries, options.currency);
  const bookedBy = new Map(entries.map((entry) => [`${entry.at}#${entry.reference}`, entry]));
  const debits = notes.map((note): OpenDebit => {
    const entry = bookedBy.get(`${note.at}#${note.reference}`);
    const bookedOn = calendarDateIn(new Date(note.at), companyTimeZone);
    const due = dueOn(bookedOn, options.terms);
    return {
      kind: entry?.kind ?? 'delivery-note',
      reference: note.reference,
      ...(entry?.orderNumber ? { orderNumber: entry.orderNumber } : {}),
      bookedOn,
      dueOn: due,
      open: note.open,
      daysOverdue: daysBetween(due, options.today),
    };
  });
  const aged = agedAt(notes, options);
  const overdueDebits = debits.filter((debit) => debit.daysOverdue > 0);
  const oldest = overdueDebits.reduce<OpenDebit | undefined>(
    (found, debit) => (found && found.daysOverdue >= debit.daysOverdue ? found : debit),
    undefined,
  );
  return {
    ageing: aged,
    overdue: sumAmounts([aged.days1to30, aged.days31to60, aged.days61to90, aged.over90], options.currency),
    oldestOverdueDays: oldest?.daysOverdue ?? 0,
    ...(oldest ? { oldestDueOn: oldest.dueOn } : {}),
    overdueDebits,
  };
}
