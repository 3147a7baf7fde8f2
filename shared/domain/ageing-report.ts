import type { Currency } from '../schemas/common.ts';
import type { Customer } from '../schemas/customer.ts';
import type { AgeingReport, AgeingReportRow } from '../schemas/receivables.ts';
import type { Ageing, Overdue } from './ageing.ts';
import { sumAmounts } from './order-amounts.ts';

const buckets = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const satisfies (keyof Ageing)[];

/** One customer's line of the report: who, on what terms, what it owes and how late. */
export function ageingReportRow(
  customer: Pick<Customer, 'id' | 'code' | 'name' | 'currency' | 'settlement' | 'accountOwner'>,
  balance: number,
  { ageing, overdue, oldestOverdueDays, oldestDueOn }: Overdue,
): AgeingReportRow {
  return {
    customerId: customer.id,
    code: customer.code,
    name: customer.name,
    currency: customer.currency,
    settlement: customer.settlement,
    accountOwner: customer.accountOwner,
    balance,
    ageing,
    overdue,
    oldestOverdueDays,
    ...(oldestDueOn ? { oldestDueOn } : {}),
  };
}

/**
 * R40: the ageing report: the customers that owe, the most overdue first (the oldest debit, then the amount overdue,
 * then the code), and the totals of each currency — amounts in different currencies are never added.
 */
export function ageingReport(rows: readonly AgeingReportRow[], asOf: string): AgeingReport {
  const customers = [...rows].sort(
    (a, b) => b.oldestOverdueDays - a.oldestOverdueDays || b.overdue - a.overdue || a.code.localeCompare(b.code),
  );
  const byCurrency = new Map<Currency, AgeingReportRow[]>();
  for (const row of customers) byCurrency.set(row.currency, [...(byCurrency.get(row.currency) ?? []), row]);
  const totals = [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, of]) => {
      const total = (amounts: number[]) => sumAmounts(amounts, currency);
      return {
        currency,
        customers: of.length,
        balance: total(of.map((row) => row.balance)),
        overdue: total(of.map((row) => row.overdue)),
        ageing: Object.fromEntries(
          buckets.map((bucket) => [bucket, total(of.map((row) => row.ageing[bucket]))]),
        ) as Ageing,
      };
    });
  return { asOf, customers, totals };
}
