import * as z from 'zod';
import { accountTeam, onDutyEmail } from '../../shared/application/people.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import { signBackLink, statementMoved } from '../../shared/application/statements.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { followUpOf, statementCounts } from '../../shared/domain/statement.ts';
import { contactsByLanguage } from '../../shared/mail/order-templates.ts';
import {
  statementChaseEmail,
  statementReminderEmail,
  statementsSummaryEmail,
} from '../../shared/mail/statement-templates.ts';
import { logger, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';

const actor = 'schedule:statement-follow-up';
const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();

/**
 * R38 (schedule `statement-follow-up`, daily): a statement not signed back is reminded to the customer after a week
 * (with a fresh link) and the merchandiser asked to chase it after two; each once, on the schedule's nominal day, so a
 * rerun of the day sends nothing twice. Finance gets the month's summary whenever someone is chased.
 */
async function followUp(input: unknown) {
  const { scheduledTime } = Input.parse(input ?? {});
  const today = calendarDateIn(scheduledTime ? new Date(scheduledTime) : port('clock').now(), companyTimeZone);
  const statements = statementRepository(port('table'));
  const done = { reminded: 0, chased: [] as { month: string; what: string }[] };
  for (const waiting of await statements.inStatus('sent')) {
    const what = followUpOf(waiting, today);
    if (!what) continue;
    const followed = await followUpOne(waiting.id, today);
    if (followed === 'remind') done.reminded++;
    if (followed === 'chase') done.chased.push({ month: waiting.month, what: `${waiting.id} ${waiting.customerName}` });
  }
  for (const month of new Set(done.chased.map((c) => c.month))) {
    const counts = statementCounts(await statements.ofMonth(month));
    const chased = done.chased.filter((c) => c.month === month).map((c) => c.what);
    await sendEachOnce(`statements-chased:${month}:${today}`, [
      {
        to: [await onDutyEmail('finance')],
        template: 'statements-summary',
        ...statementsSummaryEmail({ month, counts, failed: [], chased }, process.env.APP_URL ?? ''),
      },
    ]);
  }
  if (done.reminded || done.chased.length) logger.info('statements followed up', { today, ...done });
  return { today, reminded: done.reminded, chased: done.chased.length };
}

/** One statement reminded or chased, from a fresh read (it may have been signed since it was listed). */
async function followUpOne(statementId: string, today: string) {
  const table = port('table');
  const statements = statementRepository(table);
  return await retryOnConflict(async () => {
    const statement = await statements.get(statementId);
    const what = followUpOf(statement, today);
    if (!what) return undefined;
    const now = port('clock').now();
    const customer = await customerRepository(table).get(statement.customerId);
    const appUrl = process.env.APP_URL ?? '';
    if (what === 'remind') {
      const link = await signBackLink(statement, now);
      await sendEachOnce(
        `statement-reminder:${statement.id}:r${statement.revision}`,
        contactsByLanguage(customer.contacts).map(({ language, to }) => ({
          to,
          template: 'statement-reminder',
          ...statementReminderEmail({ ...statement, language }, language, link),
        })),
      );
    } else {
      await sendEachOnce(`statement-chase:${statement.id}:r${statement.revision}`, [
        {
          to: [(await accountTeam(customer)).merchandiserEmail],
          template: 'statement-chase',
          ...statementChaseEmail(statement, appUrl),
        },
      ]);
    }
    const followed = what === 'remind' ? { ...statement, remindedOn: today } : { ...statement, chasedOn: today };
    await statementMoved(followed, statement.version, {
      actor,
      action: what === 'remind' ? 'statement reminded' : 'statement chased',
      note:
        what === 'remind'
          ? `R38: ${statement.id} not signed back after a week: the customer reminded`
          : `R38: ${statement.id} not signed back after two weeks: the merchandiser asked to chase`,
    });
    return what;
  });
}

export const handler = observed(followUp, () => undefined);
