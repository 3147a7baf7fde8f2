import * as z from 'zod';
import { currentDirectory } from '../../shared/application/people.ts';
import { reportReader } from '../../shared/application/reports.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { reportedPeriod, reportRecipients, reportSchedules } from '../../shared/domain/report-mail.ts';
import { logger, observed } from '../../shared/observability.ts';
import { reportDocument } from '../../shared/reports/compose.ts';
import { type ReportEmail, reportEmail } from '../../shared/reports/email.ts';
import { port } from '../../shared/runtime.ts';

const Input = z.object({ schedule: z.enum(reportSchedules), scheduledTime: z.iso.datetime().optional() });

/**
 * R41 (schedules `daily-report`, `weekly-report`, `monthly-report`): the report of the period that ended, read from
 * the kept figures (a few hundred items, never the orders), e-mailed to each reader in their language with its charts
 * and spreadsheet — once per reader and period, however often the schedule runs.
 */
async function sendReport(input: unknown) {
  const { schedule, scheduledTime } = Input.parse(input);
  const today = calendarDateIn(scheduledTime ? new Date(scheduledTime) : port('clock').now(), companyTimeZone);
  const period = reportedPeriod(schedule, today);
  const { directory } = await currentDirectory();
  const readers = reportRecipients(directory.staff);
  const figures = reportReader(port('table'));
  const scope = { withAmounts: true };
  const report = await (period.kind === 'day'
    ? figures.daily(period.id, scope)
    : period.kind === 'week'
      ? figures.weekly(period.id, scope)
      : figures.monthly(period.id, scope));
  const emails = new Map<string, ReportEmail>();
  for (const reader of readers) {
    const email = emails.get(reader.language) ?? (await reportEmail(reportDocument(report, reader.language)));
    emails.set(reader.language, email);
    await sendEachOnce(`${schedule}:${period.id}:${reader.email}`, [
      { to: [reader.email], template: schedule, ...email },
    ]);
  }
  logger.info('report sent', { schedule, period: period.id, readers: readers.length, read: figures.tally });
  return { schedule, period: period.id, readers: readers.map((reader) => reader.email) };
}

export const handler = observed(sendReport, () => undefined);
