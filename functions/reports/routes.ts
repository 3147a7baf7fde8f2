import { defineRoute } from '../../shared/http/route.ts';
import {
  DailyReportQuery,
  KpiQuery,
  KpiReport,
  MonthlyReportQuery,
  Report,
  WeeklyReportQuery,
} from '../../shared/schemas/report.ts';

/**
 * R41, R43: who reads the reports — the managers (gm, leader: the sales manager among them), merchandisers, sales
 * admin, finance, QA, PMC; the warehouse without amounts; a customer's user its own customer's figures only.
 */
export const reportReaders = [
  'gm',
  'leader',
  'merchandiser',
  'sales-admin',
  'finance',
  'qa',
  'pmc',
  'warehouse',
  'customer',
] as const;

const description =
  "Read from the figures kept from domain events (docs/decisions/report-figures.md), never from the orders. A customer's user gets its own customer's figures only (`customer` may only name its own); the warehouse gets no amounts. `customer` (a 3-digit code) narrows a staff member's report to one customer.";

/** R41: a report over a company day, an ISO week or a month, from `functions/reports/<period>.ts`. */
function periodReportRoute<
  const Q extends typeof DailyReportQuery | typeof WeeklyReportQuery | typeof MonthlyReportQuery,
>(period: 'daily' | 'weekly' | 'monthly', query: Q, summary: string) {
  return defineRoute({
    operationId: `get${period[0]?.toUpperCase()}${period.slice(1)}Report` as const,
    method: 'GET',
    path: `/reports/${period}` as const,
    summary,
    description,
    tag: 'Reports',
    handler: `functions/reports/${period}.ts` as const,
    access: { roles: reportReaders },
    query,
    responses: { 200: { description: `The ${period} report`, schema: Report } },
    grants: ['table:read'],
  });
}

export const dailyReportRoute = periodReportRoute(
  'daily',
  DailyReportQuery,
  "R41: a company day's sales (orders received, confirmed, shipped, delivered; amounts by customer, region and product type), complaints (new, open, overdue, closed), production and quality anomalies, against the day before; the month's KPIs",
);

export const weeklyReportRoute = periodReportRoute(
  'weekly',
  WeeklyReportQuery,
  'R41: an ISO week (Monday to Sunday, company days) of the same figures, by day, against the week before, with the problem summary and the KPIs of the month it ends in',
);

export const monthlyReportRoute = periodReportRoute(
  'monthly',
  MonthlyReportQuery,
  "R41: a month of the same figures, by day, against the month before (month-over-month), with the problem summary and the month's KPIs",
);

export const kpiReportRoute = defineRoute({
  operationId: 'getKpiReport',
  method: 'GET',
  path: '/reports/kpis',
  summary:
    "R43: a month's KPIs, in total and per customer: on-time delivery rate, order response time, complaint handling time, customer satisfaction; approval response time per role against its deadline (staff only). Definitions: docs/kpis.md",
  description,
  tag: 'Reports',
  handler: 'functions/reports/kpis.ts',
  access: { roles: reportReaders },
  query: KpiQuery,
  responses: { 200: { description: "The month's KPIs", schema: KpiReport } },
  grants: ['table:read'],
});

export const reportRoutes = [dailyReportRoute, weeklyReportRoute, monthlyReportRoute, kpiReportRoute];
