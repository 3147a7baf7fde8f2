import { addDays, type IsoDate } from './lead-time.ts';
import { isoWeekOf } from './report-periods.ts';
import type { StaffRole } from './roles.ts';

/** R41: the schedules that e-mail a report, each of the period that ended before the day it runs. */
export const reportSchedules = ['daily-report', 'weekly-report', 'monthly-report'] as const;
export type ReportSchedule = (typeof reportSchedules)[number];

/**
 * Who reads the reports (R41, doc 002): the company's leaders and general manager, sales admin (who keeps the daily
 * sales summary) and QA (the complaints and the quality anomalies).
 */
export const reportRecipientRoles: readonly StaffRole[] = ['gm', 'leader', 'sales-admin', 'qa'];

/** The period a run on `today` (the company's day) reports: yesterday, the week or the month yesterday ended. */
export function reportedPeriod(schedule: ReportSchedule, today: IsoDate) {
  const yesterday = addDays(today, -1);
  if (schedule === 'daily-report') return { kind: 'day', id: yesterday } as const;
  if (schedule === 'weekly-report') return { kind: 'week', id: isoWeekOf(yesterday) } as const;
  return { kind: 'month', id: yesterday.slice(0, 7) } as const;
}

/** The active people who read the reports, each once, in a stable order. */
export function reportRecipients<P extends { email: string; roles: readonly StaffRole[]; active: boolean }>(
  staff: readonly P[],
) {
  return staff
    .filter((person) => person.active && person.roles.some((role) => reportRecipientRoles.includes(role)))
    .sort((a, b) => a.email.localeCompare(b.email));
}
