import { type FigureRow, type KpiRow, kpiReport, report } from '../domain/report.ts';
import type { Dimensions } from '../domain/report-figures.ts';
import { dayPeriod, daysOf, monthPeriod, type Period, previousPeriod, weekPeriod } from '../domain/report-periods.ts';
import {
  type FiguresItem,
  figureKeys,
  figuresPartition,
  newTally,
  type ReadTally,
} from '../persistence/report-figures.ts';
import type { TablePort } from '../ports/index.ts';
import type { KpiReport, Report } from '../schemas/report.ts';

/**
 * R41, R43: the reports, read from the figures the report-figures worker keeps (docs/architecture.md, "Reports").
 * A month's report reads its month's partition and the month before's (one item per customer × product type ×
 * region, and one per day), the running totals and the month's KPIs — a few hundred items at most, never the orders.
 */

/** Whose figures: every customer's, or one customer's only (a customer's user always); amounts or not. */
export type ReportScope = { customer?: string; withAmounts: boolean };

const rowOf = (item: FiguresItem): FigureRow => ({
  dimensions: {
    customer: item.attributes.customer ?? '-',
    productType: item.attributes.productType ?? '-',
    region: item.attributes.region ?? '-',
  } satisfies Dimensions,
  counters: item.counters,
});

const combinations = (items: FiguresItem[]) => items.filter((item) => item.sk.startsWith('C#')).map(rowOf);

/** Figures of several days summed by combination (a week's days). */
function summedByCombination(rows: FigureRow[]) {
  const summed = new Map<string, FigureRow>();
  for (const row of rows) {
    const key = figureKeys.combination(row.dimensions);
    const into = summed.get(key) ?? { dimensions: row.dimensions, counters: {} };
    for (const [name, value] of Object.entries(row.counters)) into.counters[name] = (into.counters[name] ?? 0) + value;
    summed.set(key, into);
  }
  return [...summed.values()];
}

export function reportReader(table: TablePort, tally: ReadTally = newTally()) {
  const prefixOf = (customer?: string) => (customer ? figureKeys.customerPrefix(customer) : undefined);
  const read = (pk: string, customer?: string) => figuresPartition(table, pk, prefixOf(customer), tally);

  /** A period's figures by combination, and by day (`withDays`: the period before needs none). */
  async function periodFigures(period: Period, customer: string | undefined, withDays: boolean) {
    if (period.kind === 'month') {
      const items = await read(figureKeys.month(period.id), customer);
      if (!withDays) return { rows: combinations(items), days: [] };
      if (!customer) {
        const days = items
          .filter((item) => item.sk.startsWith('D#'))
          .map((item) => ({ date: item.attributes.date ?? '', counters: item.counters }));
        return { rows: combinations(items), days };
      }
      // One customer's days: its few items of each day's partition (the month's day totals are everyone's).
      const perDay = await Promise.all(
        daysOf(period).map(async (date) => ({ date, items: await read(figureKeys.day(date), customer) })),
      );
      const days = perDay.flatMap(({ date, items: dayItems }) =>
        combinations(dayItems).map((row) => ({ date, counters: row.counters })),
      );
      return { rows: combinations(items), days };
    }
    const perDay = await Promise.all(
      daysOf(period).map(async (date) => ({ date, rows: combinations(await read(figureKeys.day(date), customer)) })),
    );
    return {
      rows: summedByCombination(perDay.flatMap(({ rows }) => rows)),
      days: perDay.flatMap(({ date, rows }) => rows.map((row) => ({ date, counters: row.counters }))),
    };
  }

  async function kpis(month: string, customer?: string): Promise<KpiReport> {
    const items = await read(figureKeys.kpi(month), customer);
    const rows: KpiRow[] = items.map((item) => ({
      customer: item.attributes.customer ?? '-',
      counters: item.counters,
    }));
    return kpiReport(month, rows, customer);
  }

  async function periodReport(period: Period, { customer, withAmounts }: ReportScope): Promise<Report> {
    const previous = previousPeriod(period);
    const [current, before, running, monthKpis] = await Promise.all([
      periodFigures(period, customer, true),
      periodFigures(previous, customer, false),
      read(figureKeys.running, customer),
      kpis(period.to.slice(0, 7), customer),
    ]);
    return report({
      period,
      previous,
      ...(customer ? { customer } : {}),
      rows: current.rows,
      previousRows: before.rows,
      days: current.days,
      running: combinations(running),
      kpis: monthKpis,
      withAmounts,
    });
  }

  return {
    tally,
    daily: (date: string, scope: ReportScope) => periodReport(dayPeriod(date), scope),
    weekly: (week: string, scope: ReportScope) => periodReport(weekPeriod(week), scope),
    monthly: (month: string, scope: ReportScope) => periodReport(monthPeriod(month), scope),
    kpis,
  };
}
