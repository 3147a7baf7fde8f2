import { companyTimeZone } from '../shared/domain/company.ts';

/**
 * The schedules: one definition read by infra/ (EventBridge Scheduler, cron with a time zone) and by the
 * offline scheduler (same cron, same zone). The target receives the schedule's nominal time, so a retry or a
 * re-run of the same period is deterministic and can be recognised as a repeat.
 */
export type ScheduleDefinition = {
  name: string;
  description: string;
  /** EventBridge Scheduler cron fields: minutes hours day-of-month month day-of-week year (1–7 = SUN–SAT). */
  cron: string;
  timeZone: string;
  /** The worker (functions/workers.ts) the schedule invokes; workflows come with the workflow engine. */
  target: { worker: string };
};

/** The input a schedule's target receives. */
export type ScheduledInput = { schedule: string; scheduledTime: string };

export const schedules: ScheduleDefinition[] = [
  {
    name: 'republish-events',
    description:
      'Every 5 minutes: publish the domain events the stream relay missed (outbox items still unpublished after 5 minutes)',
    cron: '0/5 * * * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'republish-events' },
  },
  {
    name: 'month-end',
    description:
      'R38, on the 1st of each month at 02:00: the statement of the month before for every customer settling monthly (with activity or an open balance), mailed with a sign-back link; once per customer and month however often it runs',
    cron: '0 2 1 * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'month-end' },
  },
  {
    name: 'table-archive',
    description:
      'R42, on the 2nd of each month at 03:00: the whole table as it stood then, exported from point-in-time recovery to the archive bucket under exports/<the month just ended>/; once per month however often it runs',
    cron: '0 3 2 * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'table-archive' },
  },
  {
    name: 'statement-follow-up',
    description:
      'R38, daily at 09:30: statements not signed back — the customer reminded after 7 days, the merchandiser asked to chase after 14; once each',
    cron: '30 9 * * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'statement-follow-up' },
  },
  {
    name: 'complaint-overdue',
    description:
      'Daily at 09:00: complaints not answered by their due date (R29) — the owner reminded, their leader told; once a day',
    cron: '0 9 * * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'complaint-overdue' },
  },
  {
    name: 'receivables-overdue',
    description:
      "Daily at 09:30: customers owing money past its due date (R40) — the customer's contacts and its merchandiser reminded on the 1st, 7th, 15th and 30th day overdue, then every 30 days; once a day at most",
    cron: '30 9 * * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'receivables-overdue' },
  },
  {
    name: 'daily-report',
    description:
      "R41, daily at 09:00 (in the readers' mailboxes by 09:30): yesterday's sales, complaints and anomalies, with the day before for comparison",
    cron: '0 9 * * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'send-report' },
  },
  {
    name: 'weekly-report',
    description:
      'R41, Mondays at 09:10: the week that ended, compared with the week before, with the problem summary and the KPIs',
    cron: '10 9 ? * MON *',
    timeZone: companyTimeZone,
    target: { worker: 'send-report' },
  },
  {
    name: 'monthly-report',
    description:
      'R41, R43, on the 1st at 09:20: the month that ended, compared with the month before, with the problem summary and the KPIs',
    cron: '20 9 1 * ? *',
    timeZone: companyTimeZone,
    target: { worker: 'send-report' },
  },
  {
    name: 'daily-follow-up',
    description:
      "R7, working days (Monday to Friday) at 10:00: each person with anything waiting on them gets one e-mail — their pending approvals with their links, what is overdue, a merchandiser's stuck orders, a leader's team's overdue items; once a person a day",
    cron: '0 10 ? * MON-FRI *',
    timeZone: companyTimeZone,
    target: { worker: 'daily-follow-up' },
  },
  {
    name: 'satisfaction-survey',
    description:
      "R43, yearly on 15 January at 09:00: each contact of every active customer gets the year's satisfaction survey with a link of their own; once per contact and year",
    cron: '0 9 15 1 ? *',
    timeZone: companyTimeZone,
    target: { worker: 'satisfaction-survey' },
  },
];
