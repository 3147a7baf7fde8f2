import { expect } from 'vitest';
import type { KpiReport, ReportFigures } from '../shared/schemas/report.ts';
import type { KpiRecount, Recount } from './report-recount.ts';

/** Amounts compared in cents: the kept sums are exact decimals, the recount's are doubles. */
const cents = (tally: Record<string, number> = {}) =>
  Object.fromEntries(
    Object.entries(tally)
      .filter(([, v]) => v !== 0)
      .map(([k, v]) => [k, Math.round(v * 100)]),
  );
const counts = (tally: Record<string, number>) => Object.fromEntries(Object.entries(tally).filter(([, v]) => v !== 0));
const orders = (tally: Record<string, number>) =>
  Object.fromEntries(
    ['received', 'confirmed', 'shipped', 'delivered', 'cancelled', 'rejected'].map((what) => [what, tally[what] ?? 0]),
  );

/** The report's figures are the recount's. */
export function expectFiguresOf(figures: ReportFigures, recount: Recount, withAmounts = true) {
  expect(figures.orders).toEqual(orders(recount.orders));
  if (withAmounts) {
    for (const what of ['received', 'confirmed', 'shipped', 'cancelled'] as const) {
      expect(cents(figures.amounts?.[what]), what).toEqual(cents(recount.amounts[what]));
    }
  } else {
    expect(figures.amounts).toBeUndefined();
  }
  expect({
    new: figures.complaints.new,
    closed: figures.complaints.closed,
    overdue: figures.complaints.overdue,
    becameOverdue: figures.complaints.becameOverdue,
  }).toEqual({
    new: recount.complaints.new ?? 0,
    closed: recount.complaints.closed ?? 0,
    overdue: recount.complaints.overdue ?? 0,
    becameOverdue: recount.complaints.becameOverdue ?? 0,
  });
  expect(figures.complaints.byKind).toEqual(counts(recount.byKind));
  expect(figures.production).toEqual(counts(recount.production));
  expect(figures.quality).toEqual(counts(recount.quality));
}

const average = (sum: number, count: number, digits: number) =>
  count === 0 ? null : Math.round((sum / count) * 10 ** digits) / 10 ** digits;

/** The KPI report's total (and approvals, for the company) are the recount's. */
export function expectKpisOf(kpis: KpiReport, k: KpiRecount) {
  expect(kpis.total).toEqual({
    onTimeDelivery: { delivered: k.delivered, onTime: k.onTime, rate: average(k.onTime, k.delivered, 4) },
    responseTime: { shipped: k.shipped, averageDays: average(k.responseDays, k.shipped, 2) },
    complaintHandling: { answered: k.answered, averageHours: average(k.handlingMinutes / 60, k.answered, 2) },
    satisfaction: { answers: k.answers, averageScore: average(k.score, k.answers, 2) },
  });
  if (kpis.approvals) {
    expect(kpis.approvals).toEqual(
      Object.entries(k.approvals)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([role, r]) => ({
          role,
          decided: r.decided,
          averageHours: average(r.minutes / 60, r.decided, 2),
          withinDeadline: r.within,
          rate: average(r.within, r.decided, 4),
        })),
    );
  }
}
