import { customersOwing } from '../../shared/application/receivables.ts';
import { ageingReport, ageingReportRow } from '../../shared/domain/ageing-report.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { port } from '../../shared/runtime.ts';
import { ageingReportRoute } from './routes.ts';

/** R40: every customer that owes, aged on the company's today, the most overdue first (docs/decisions/ageing-report.md). */
export const handler = httpHandler(ageingReportRoute, async () => {
  const today = calendarDateIn(port('clock').now(), companyTimeZone);
  const owing = await customersOwing(today);
  const rows = owing.map(({ customer, balance, overdue }) => ageingReportRow(customer, balance, overdue));
  return { status: 200, body: ageingReport(rows, today) };
});
