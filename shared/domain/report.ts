import type {
  ApprovalKpi,
  KpiFigures,
  KpiReport,
  ProblemSummaryEntry,
  Report,
  ReportFigures,
  ReportPeriod,
} from '../schemas/report.ts';
import {
  type AmountCounter,
  addCounters,
  amountCounters,
  type Counters,
  companyWide,
  type Dimensions,
  orderCounters,
} from './report-figures.ts';

/**
 * R41, R43: a report from the figures items it read (pure: shared/application/reports.ts reads them). Counts and
 * amounts are sums of the items' counters; the KPIs' averages and rates are computed from their sums and counts.
 */

/** One figures item as the report reads it: a customer × product type × region of a day or a month. */
export type FigureRow = { dimensions: Dimensions; counters: Counters };
/** One day's figures (a combination's, or the company's total). */
export type DayRow = { date: string; counters: Counters };
/** One customer's KPI counters of a month (`*`: the company's approvals). */
export type KpiRow = { customer: string; counters: Counters };

const sumOf = (rows: readonly { counters: Counters }[]) =>
  rows.reduce<Counters>((sum, row) => addCounters(sum, row.counters), {});

/** The counters `<prefix>.<kind>` as a record by kind, without zeros. */
function byKind(counters: Counters, prefix: string) {
  const kinds: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    if (name.startsWith(prefix) && value !== 0) kinds[name.slice(prefix.length)] = value;
  }
  return kinds;
}

/** Amounts are decimals of at most 4 places: their sums are rounded back to that. */
const amount = (value: number) => Math.round(value * 10_000) / 10_000;

/** The figures of summed counters; `withAmounts` false (the warehouse's view) leaves the amounts out. */
export function figuresOf(counters: Counters, withAmounts = true): ReportFigures {
  const count = (name: string) => counters[name] ?? 0;
  const orders = Object.fromEntries(orderCounters.map((what) => [what, count(`orders.${what}`)]));
  const amounts = Object.fromEntries(
    amountCounters.map((what: AmountCounter) => [
      what,
      Object.fromEntries(Object.entries(byKind(counters, `amount.${what}.`)).map(([c, v]) => [c, amount(v)])),
    ]),
  );
  return {
    orders: orders as ReportFigures['orders'],
    ...(withAmounts ? { amounts: amounts as NonNullable<ReportFigures['amounts']> } : {}),
    complaints: {
      new: count('complaints.new'),
      closed: count('complaints.closed'),
      overdue: count('complaints.overdue'),
      becameOverdue: count('complaints.becameOverdue'),
      byKind: byKind(counters, 'complaints.kind.'),
    },
    production: byKind(counters, 'production.'),
    quality: byKind(counters, 'quality.'),
  };
}

const ratio = (part: number, whole: number, digits = 4) =>
  whole === 0 ? null : Math.round((part / whole) * 10 ** digits) / 10 ** digits;

/** R43: one customer's (or everyone's) KPIs from its counters (docs/kpis.md). */
export function kpiFiguresOf(counters: Counters): KpiFigures {
  const count = (name: string) => counters[name] ?? 0;
  return {
    onTimeDelivery: {
      delivered: count('onTime.delivered'),
      onTime: count('onTime.onTime'),
      rate: ratio(count('onTime.onTime'), count('onTime.delivered')),
    },
    responseTime: {
      shipped: count('response.shipped'),
      averageDays: ratio(count('response.days'), count('response.shipped'), 2),
    },
    complaintHandling: {
      answered: count('complaint.answered'),
      averageHours: ratio(count('complaint.minutes') / 60, count('complaint.answered'), 2),
    },
    satisfaction: {
      answers: count('satisfaction.answers'),
      averageScore: ratio(count('satisfaction.score'), count('satisfaction.answers'), 2),
    },
  };
}

/** R43: the approvals' response time per role against their deadlines. */
export function approvalKpisOf(counters: Counters): ApprovalKpi[] {
  const roles = new Set(
    Object.keys(counters)
      .filter((name) => name.startsWith('approval.'))
      .map((name) => name.split('.')[1] as string),
  );
  return [...roles].sort().map((role) => {
    const count = (what: string) => counters[`approval.${role}.${what}`] ?? 0;
    return {
      role,
      decided: count('decided'),
      averageHours: ratio(count('minutes') / 60, count('decided'), 2),
      withinDeadline: count('withinDeadline'),
      rate: ratio(count('withinDeadline'), count('decided')),
    };
  });
}

/** The KPIs of a month: every customer's, their total, and (for the company) the approvals per role. */
export function kpiReport(month: string, rows: readonly KpiRow[], customer?: string): KpiReport {
  const customers = rows.filter((row) => row.customer !== companyWide && (!customer || row.customer === customer));
  const company = rows.filter((row) => row.customer === companyWide);
  return {
    month,
    ...(customer ? { customer } : {}),
    total: kpiFiguresOf(sumOf(customers)),
    byCustomer: [...customers]
      .sort((a, b) => a.customer.localeCompare(b.customer))
      .map((row) => ({ customer: row.customer, ...kpiFiguresOf(row.counters) })),
    ...(customer ? {} : { approvals: approvalKpisOf(sumOf(company)) }),
  };
}

/** Rows summed by one of their dimensions, in the dimension's order. */
function grouped(rows: readonly FigureRow[], key: keyof Dimensions) {
  const groups = new Map<string, Counters>();
  for (const row of rows) {
    const name = row.dimensions[key];
    groups.set(name, addCounters(groups.get(name) ?? {}, row.counters));
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

const maxProblems = 10;

/** The period's problems, the most frequent first: anomalies by kind and complaints by kind, with the period before's. */
export function problemSummary(current: Counters, previous: Counters): ProblemSummaryEntry[] {
  const areas = [
    ['production', 'production.'],
    ['quality', 'quality.'],
    ['complaint', 'complaints.kind.'],
  ] as const;
  return areas
    .flatMap(([area, prefix]) =>
      Object.entries(byKind(current, prefix)).map(([kind, count]) => ({
        area,
        kind,
        count,
        previous: previous[`${prefix}${kind}`] ?? 0,
      })),
    )
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.area.localeCompare(b.area) || a.kind.localeCompare(b.kind))
    .slice(0, maxProblems);
}

export type ReportInput = {
  period: ReportPeriod;
  previous: ReportPeriod;
  customer?: string;
  /** The period's figures by customer × product type × region (summed over its days). */
  rows: readonly FigureRow[];
  /** The period before's, likewise. */
  previousRows: readonly FigureRow[];
  /** Each day's figures of the period (several rows of one day are summed). */
  days: readonly DayRow[];
  /** The running counters (complaints open) by customer × product type × region. */
  running: readonly FigureRow[];
  kpis: KpiReport;
  withAmounts: boolean;
};

export function report(input: ReportInput): Report {
  const { period, previous, customer, rows, previousRows, days, running, kpis, withAmounts } = input;
  const current = sumOf(rows);
  const before = sumOf(previousRows);
  const breakdown = (key: keyof Dimensions) =>
    grouped(rows, key).map(([name, counters]) => ({ [key]: name, figures: figuresOf(counters, withAmounts) }));
  const perDay = new Map<string, Counters>();
  for (const day of days) perDay.set(day.date, addCounters(perDay.get(day.date) ?? {}, day.counters));
  const everyDay: string[] = [];
  for (let date = period.from; date <= period.to; date = nextDay(date)) everyDay.push(date);
  return {
    period,
    previous,
    ...(customer ? { customer } : {}),
    figures: figuresOf(current, withAmounts),
    previousFigures: figuresOf(before, withAmounts),
    byCustomer: breakdown('customer') as Report['byCustomer'],
    byRegion: breakdown('region') as Report['byRegion'],
    byProductType: breakdown('productType') as Report['byProductType'],
    byDay: everyDay.map((date) => ({ date, figures: figuresOf(perDay.get(date) ?? {}, withAmounts) })),
    openComplaints: sumOf(running)['complaints.open'] ?? 0,
    problems: problemSummary(current, before),
    kpis,
  };
}

function nextDay(date: string) {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
}
