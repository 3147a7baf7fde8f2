import * as z from 'zod';
import { onDutyEmail } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { type Issued, issueStatement } from '../../shared/application/statements.ts';
import { eachAtMost } from '../../shared/concurrency.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { previousMonth, statementCounts, statesMonthly } from '../../shared/domain/statement.ts';
import { statementsSummaryEmail } from '../../shared/mail/statement-templates.ts';
import { logger, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { port } from '../../shared/runtime.ts';

const actor = 'schedule:month-end';
/** How many customers' statements are written at once (each: one query, one transaction). */
const concurrency = Number(process.env.MONTH_END_CONCURRENCY ?? 16);

const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();

/**
 * R38 (schedule `month-end`, the 1st of each month): every customer settling monthly gets the statement of the month
 * before, once — a customer stated already is passed over, so the run can be repeated or retried for the same month.
 * One customer's failure is caught, reported to finance and left for the next run; the others go on. Each statement
 * starts its own workflow (docs/decisions/month-end-statements.md).
 */
async function monthEnd(input: unknown) {
  const { scheduledTime } = Input.parse(input ?? {});
  const nominal = scheduledTime ? new Date(scheduledTime) : port('clock').now();
  const month = previousMonth(calendarDateIn(nominal, companyTimeZone));
  const table = port('table');
  const customers = customerRepository(table);
  const run: Record<Issued, number> = { issued: 0, stated: 0, nothing: 0 };
  const failed: { customer: string; reason: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await customers.list({ cursor, limit: 100 });
    await eachAtMost(page.items.filter(statesMonthly), concurrency, async (customer) => {
      try {
        run[await issueStatement(customer, month, actor)]++;
      } catch (error) {
        logger.error('statement not issued', { customerId: customer.id, month, error: error as Error });
        failed.push({ customer: `${customer.code} ${customer.name}`, reason: (error as Error).message });
      }
    });
    cursor = page.next;
  } while (cursor);
  if (run.issued > 0 || failed.length > 0) {
    const counts = statementCounts(await statementRepository(table).ofMonth(month));
    // A repeat of the run tells finance only of what it changed.
    await sendEachOnce(`month-end:${month}:${nominal.toISOString()}:${run.issued}:${failed.length}`, [
      {
        to: [await onDutyEmail('finance')],
        template: 'statements-summary',
        ...statementsSummaryEmail({ month, counts, failed, run }, process.env.APP_URL ?? ''),
      },
    ]);
  }
  logger.info('month-end run', { month, ...run, failed: failed.length });
  return { month, ...run, failed };
}

export const handler = observed(monthEnd, () => undefined);
