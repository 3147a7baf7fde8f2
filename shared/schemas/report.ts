import * as z from 'zod';
import { isoWeekMonday } from '../domain/report-periods.ts';

/**
 * R41, R43: the reports of a day, an ISO week or a month, and the KPIs of a month, as the API answers them for the
 * customers' and the company's own tools (functions/reports/). Read from the figures kept from domain events
 * (docs/decisions/report-figures.md); the KPIs' definitions are in docs/kpis.md.
 */

const Count = z.int();
/** Per currency (`CNY`, `USD`…): amounts in different currencies are never added. */
const AmountsByCurrency = z.record(z.string(), z.number()).meta({ id: 'AmountsByCurrency' });
const CountsByKind = z.record(z.string(), Count);

const customerCode = z.string().regex(/^(?!000)\d{3}$/, 'must be a customer code (3 digits)');

export const ReportFigures = z
  .object({
    /** Orders received (placed), confirmed (R8), rejected, cancelled; deliveries shipped and signed for. */
    orders: z.object({
      received: Count,
      confirmed: Count,
      shipped: Count,
      delivered: Count,
      cancelled: Count,
      rejected: Count,
    }),
    /** The amounts of the orders received, confirmed and cancelled, and of the delivery notes shipped; staff only. */
    amounts: z
      .object({
        received: AmountsByCurrency,
        confirmed: AmountsByCurrency,
        shipped: AmountsByCurrency,
        cancelled: AmountsByCurrency,
      })
      .optional(),
    complaints: z.object({
      new: Count,
      closed: Count,
      /** R29: the daily notices of complaints past their due date. */
      overdue: Count,
      /** Complaints that went past their due date (their first day overdue) in the period. */
      becameOverdue: Count,
      /** New complaints by kind (quality, short_shipment, wrong_goods, damage, late). */
      byKind: CountsByKind,
    }),
    /** Production anomalies by kind: promiseLate, depositLate, intakeLapsed, balanceLate, deliveryHeld… */
    production: CountsByKind,
    /** Quality anomalies by kind: receiptDamaged, receiptShort, qualityComplaint…, returnApplied, returnDifference. */
    quality: CountsByKind,
  })
  .meta({ id: 'ReportFigures' });

export const ReportPeriod = z
  .object({
    kind: z.enum(['day', 'week', 'month']),
    /** `2026-11-30`, `2026-W49`, `2026-11`. */
    id: z.string(),
    /** The company's days it spans, both included. */
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .meta({ id: 'ReportPeriod' });

const row = <const K extends string>(key: K) => z.object({ [key]: z.string() } as Record<K, z.ZodString>);
const ByCustomer = z.array(row('customer').extend({ figures: ReportFigures })).meta({ id: 'ReportByCustomer' });
const ByRegion = z.array(row('region').extend({ figures: ReportFigures })).meta({ id: 'ReportByRegion' });
const ByProductType = z
  .array(row('productType').extend({ figures: ReportFigures }))
  .meta({ id: 'ReportByProductType' });
const ByDay = z.array(row('date').extend({ figures: ReportFigures })).meta({ id: 'ReportByDay' });

export const KpiFigures = z
  .object({
    /** Deliveries signed for, on or before the promised date, and the rate (null: none signed for). */
    onTimeDelivery: z.object({ delivered: Count, onTime: Count, rate: z.number().nullable() }),
    /** Deliveries shipped and the average days from confirmation and deposit (R8's later) to shipping. */
    responseTime: z.object({ shipped: Count, averageDays: z.number().nullable() }),
    /** Complaints answered and the average hours from registered to answered. */
    complaintHandling: z.object({ answered: Count, averageHours: z.number().nullable() }),
    /** Survey answers and their average score out of 100. */
    satisfaction: z.object({ answers: Count, averageScore: z.number().nullable() }),
  })
  .meta({ id: 'KpiFigures' });

export const ApprovalKpi = z
  .object({
    role: z.string(),
    decided: Count,
    averageHours: z.number().nullable(),
    withinDeadline: Count,
    /** Decided before the approval's deadline, of those decided (null: none). */
    rate: z.number().nullable(),
  })
  .meta({ id: 'ApprovalKpi' });

export const KpiReport = z
  .object({
    month: z.string(),
    /** Set when read for one customer (a customer's user always is). */
    customer: z.string().optional(),
    total: KpiFigures,
    byCustomer: z.array(KpiFigures.extend({ customer: z.string() })),
    /** Approval response time per role against its deadline: the company's, absent for a customer's user. */
    approvals: z.array(ApprovalKpi).optional(),
  })
  .meta({ id: 'KpiReport' });

export const ProblemSummaryEntry = z
  .object({
    area: z.enum(['production', 'quality', 'complaint']),
    kind: z.string(),
    count: Count,
    previous: Count,
  })
  .meta({ id: 'ProblemSummaryEntry' });

export const Report = z
  .object({
    period: ReportPeriod,
    /** The period compared with: the day, week or month before. */
    previous: ReportPeriod,
    /** Set when read for one customer (a customer's user always is). */
    customer: z.string().optional(),
    figures: ReportFigures,
    previousFigures: ReportFigures,
    byCustomer: ByCustomer,
    byRegion: ByRegion,
    byProductType: ByProductType,
    /** Each day of the period (a week's or a month's; a day's report has its one day). */
    byDay: ByDay,
    /** Complaints registered and not yet answered, now (a running count). */
    openComplaints: Count,
    /** The period's most frequent anomalies and complaint kinds, the most first. */
    problems: z.array(ProblemSummaryEntry),
    /** The KPIs of the month the period ends in. */
    kpis: KpiReport,
  })
  .meta({ id: 'Report' });

const date = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM)')
  .refine((value) => value >= '2000-01' && value <= '2999-12', 'must be a month (YYYY-MM)');
const week = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'must be an ISO week (YYYY-Www)')
  .refine((value) => isoWeekMonday(value) !== undefined, 'is not a week of that year');

export const DailyReportQuery = z.object({ date, customer: customerCode.optional() }).strict();
export const WeeklyReportQuery = z.object({ week, customer: customerCode.optional() }).strict();
export const MonthlyReportQuery = z.object({ month, customer: customerCode.optional() }).strict();
export const KpiQuery = z.object({ month, customer: customerCode.optional() }).strict();

export type ReportFigures = z.infer<typeof ReportFigures>;
export type ReportPeriod = z.infer<typeof ReportPeriod>;
export type KpiFigures = z.infer<typeof KpiFigures>;
export type ApprovalKpi = z.infer<typeof ApprovalKpi>;
export type KpiReport = z.infer<typeof KpiReport>;
export type ProblemSummaryEntry = z.infer<typeof ProblemSummaryEntry>;
export type Report = z.infer<typeof Report>;
