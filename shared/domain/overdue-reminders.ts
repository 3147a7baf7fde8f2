import type { Customer } from '../schemas/customer.ts';
import { maxRemindedDebits } from '../schemas/events.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import type { Overdue } from './ageing.ts';
import { domainEvent, type EventContext, type EventOf } from './events.ts';
import { formatMoney } from './order-amounts.ts';

/**
 * R40 (the ledger is kept and collected): a customer owing money past its due date is reminded — its contacts and its
 * merchandiser — on the 1st, 7th, 15th and 30th day its oldest open debit is overdue, then every 30 days (60, 90, …),
 * never twice on one day (docs/decisions/receivables-overdue-reminders.md).
 */
export type ReceivablesOverdue = EventOf<'ReceivablesOverdue'>;

/** The days overdue a reminder is for, before every 30th day after the last of them. */
export const reminderDays = [1, 7, 15, 30] as const;
const every = 30;

/** The reminder day a customer `daysOverdue` has reached: the latest of the cadence on or before it (0: none yet). */
export function reminderOf(daysOverdue: number) {
  if (daysOverdue < 1) return 0;
  const last = reminderDays.at(-1) as number;
  if (daysOverdue >= last) return last + Math.floor((daysOverdue - last) / every) * every;
  return [...reminderDays].reverse().find((day) => day <= daysOverdue) ?? 0;
}

/** What the daily check remembers of a customer: the day it last reminded, of which debit and which reminder day. */
export type ReminderState = { customerId: string; remindedOn: string; oldestDueOn: string; reminder: number };

/**
 * The reminder due today, or undefined. A reminder day reached is sent once, even when the check missed the day
 * itself (it sends on the next run); a newer oldest debit (the older ones paid) starts the cadence again; and nothing
 * is sent twice on the same day, whatever the runs.
 */
export function reminderDue(overdue: Overdue, last: ReminderState | undefined, today: string) {
  if (!overdue.oldestDueOn || overdue.oldestOverdueDays < 1) return undefined;
  if (last?.remindedOn === today) return undefined;
  const reminder = reminderOf(overdue.oldestOverdueDays);
  const before = last && last.oldestDueOn === overdue.oldestDueOn ? last.reminder : 0;
  return reminder > before ? reminder : undefined;
}

/**
 * The reminder: the event (the customer's contacts in their language, the merchandiser), the entry of the customer's
 * history, and the state the next check reads.
 */
export function remindOverdue(
  customer: Pick<Customer, 'id' | 'code' | 'name' | 'currency' | 'contacts'>,
  { balance, overdue, merchandiserEmail }: { balance: number; overdue: Overdue; merchandiserEmail: string },
  { reminder, today }: { reminder: number; today: string },
  context: EventContext,
) {
  const oldestDueOn = overdue.oldestDueOn as string;
  const debits = overdue.overdueDebits.slice(0, maxRemindedDebits);
  const event: ReceivablesOverdue = domainEvent(
    'ReceivablesOverdue',
    { kind: 'customer', id: customer.id },
    {
      customer: { id: customer.id, code: customer.code, name: customer.name },
      contacts: customer.contacts,
      merchandiserEmail,
      currency: customer.currency,
      balance,
      overdue: overdue.overdue,
      ageing: overdue.ageing,
      oldestDueOn,
      daysOverdue: overdue.oldestOverdueDays,
      reminder,
      debits,
      moreDebits: overdue.overdueDebits.length - debits.length,
    },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'receivables overdue reminded',
    note: `R40: ${formatMoney(overdue.overdue, customer.currency, 'en')} overdue, the oldest due ${oldestDueOn} (${overdue.oldestOverdueDays} day(s)): reminder of day ${reminder} to the customer's contacts and ${merchandiserEmail}`,
  };
  const state: ReminderState = { customerId: customer.id, remindedOn: today, oldestDueOn, reminder };
  return { event, history, state };
}
