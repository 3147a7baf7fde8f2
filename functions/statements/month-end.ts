import * as z from 'zod';
import { onDutyEmail } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { type Issued, type Prepared, prepareStatement, writeStatements } from '../../shared/application/statements.ts';
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
 * A page of customers is read 16 at a time and its statements written a group to a transaction. One customer's
 * failure is caught, reported to finance and left for the next run; the others go on. Each statement starts its own
 * workflow (docs/decisions/month-end-statements.md).
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
    const monthly = page.items.filter(statesMonthly);
    const names = new Map(monthly.map((c) => [c.id, `${c.code} ${c.name}`]));
    const failedOne = (customerId: string, error: Error) => {
      logger.error('statement not issued', { customerId, month, error });
      failed.push({ customer: names.get(customerId) ?? customerId, reason: error.message });
    };
    const prepared: Prepared[] = [];
    await eachAtMost(monthly, concurrency, async (customer) => {
      try {
        const made = await prepareStatement(customer, month, actor);
        if (typeof made === 'string') run[made]++;
        else prepared.push(made);
      } catch (error) {
        failedOne(customer.id, error as Error);
      }
    });
    for (const [customerId, outcome] of await writeStatements(prepared)) {
      if (outcome instanceof Error) failedOne(customerId, outcome);
      else run[outcome]++;
    }
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
