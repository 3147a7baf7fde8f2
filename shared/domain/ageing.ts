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

/**
 * R40: the receivable by age. A void takes its note out; what was paid or credited (payments, return notes) settles
 * the oldest notes first; each note still open counts by the days it is overdue on `today`.
 */
export function ageing(
  entries: readonly LedgerEntry[],
  { terms, currency, today }: { terms: SettlementTerms; currency: Currency; today: string },
): Ageing {
  const voided = new Set(entries.flatMap((e) => (voidOf[e.kind] ? [`${voidOf[e.kind]}#${e.reference}`] : [])));
  const live = entries.filter((e) => !voidOf[e.kind] && !voided.has(`${e.kind}#${e.reference}`));
  const notes = live.filter((e) => e.amount > 0).sort((a, b) => a.at.localeCompare(b.at));
  let credit = sumAmounts(
    live.filter((e) => e.amount < 0).map((e) => -e.amount),
    currency,
  );
  const aged: Ageing = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
  for (const note of notes) {
    const open = amountLeft(note.amount, credit, currency);
    credit = amountLeft(credit, note.amount, currency);
    if (open === 0) continue;
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
    aged[bucket] = sumAmounts([aged[bucket], open], currency);
  }
  return aged;
}
