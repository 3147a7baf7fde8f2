import * as z from 'zod';
import { currentDirectory } from '../../shared/application/people.ts';
import { customersOwing } from '../../shared/application/receivables.ts';
import { overdueOf } from '../../shared/domain/ageing.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { reminderDue, remindOverdue } from '../../shared/domain/overdue-reminders.ts';
import { resolvedOrThrow, type StaffDirectory } from '../../shared/domain/staff-directory.ts';
import { logger, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { subjectHistoryWrite } from '../../shared/persistence/history.ts';
import { ledgerRepository } from '../../shared/persistence/ledger.ts';
import { receivableReminderRepository } from '../../shared/persistence/receivable-reminders.ts';
import { retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';

const actor = 'schedule:receivables-overdue';

const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();

/**
 * R40 (schedule `receivables-overdue`, daily): every customer owing money past its due date, reminded at the cadence of
 * docs/decisions/receivables-overdue-reminders.md — its contacts in their language and its merchandiser, with an entry
 * in its history. The day is the schedule's nominal one, and each customer's reminder item remembers the day: a rerun
 * of the same day sends nothing twice. A customer that cannot be reminded (nobody to tell) is logged and the others
 * still are; the run then fails, so that the schedule's alarm says so.
 */
async function overdueReceivables(input: unknown) {
  const { scheduledTime } = Input.parse(input ?? {});
  const today = calendarDateIn(scheduledTime ? new Date(scheduledTime) : port('clock').now(), companyTimeZone);
  const { directory } = await currentDirectory();
  const failed: string[] = [];
  let reminded = 0;
  for (const { customer, overdue } of await customersOwing(today)) {
    if (overdue.oldestOverdueDays < 1) continue;
    try {
      if (await remind(customer.id, today, directory)) reminded++;
    } catch (error) {
      logger.error('overdue reminder failed', { customerId: customer.id, error });
      failed.push(customer.id);
    }
  }
  if (reminded > 0) logger.info('overdue receivables reminded', { today, reminded });
  if (failed.length) throw new Error(`Overdue reminders failed for ${failed.length} customer(s): ${failed.join(', ')}`);
  return { today, reminded };
}

/** One customer reminded, from a fresh read (it may have paid since it was listed); whether it was. */
async function remind(customerId: string, today: string, directory: StaffDirectory) {
  const table = port('table');
  const ledger = ledgerRepository(table);
  const reminders = receivableReminderRepository(table);
  return await retryOnConflict(async () => {
    const customer = await customerRepository(table).get(customerId);
    const [last, { balance }, entries] = await Promise.all([
      reminders.last(customerId),
      ledger.receivable(customerId),
      ledger.all(customerId),
    ]);
    const overdue = overdueOf(entries, { terms: customer.settlement, currency: customer.currency, today });
    const reminder = reminderDue(overdue, last, today);
    if (!reminder) return false;
    const now = port('clock').now();
    const merchandiserEmail = resolvedOrThrow(directory.accountOwner(customer.accountOwner, now).merchandiser).email;
    const context = { now: now.toISOString(), actor, newId: port('ids').next };
    const { event, history, state } = remindOverdue(
      customer,
      { balance, overdue, merchandiserEmail },
      { reminder, today },
      context,
    );
    await writeAtomically(table, {
      now,
      events: [event],
      writes: [
        reminders.reminded(state),
        subjectHistoryWrite(table.name, { kind: 'customer', id: customer.id }, history, event.id),
      ],
    });
    return true;
  });
}

export const handler = observed(overdueReceivables, () => undefined);
