import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../domain/errors.ts';
import type { ReminderState } from '../domain/overdue-reminders.ts';
import type { TablePort } from '../ports/index.ts';
import { dataOf } from './items.ts';
import type { Write } from './write.ts';

/** Key design: see docs/data-model.md ("overdue reminder"): in the customer's partition, one per customer. */
export const reminderKey = (customerId: string) => ({
  pk: `CUSTOMER#${customerId}`,
  sk: 'REMINDER#receivables-overdue',
});

export function receivableReminderRepository(table: TablePort) {
  return {
    /** What the daily check last reminded the customer of, if ever. */
    async last(customerId: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: reminderKey(customerId), ConsistentRead: true }),
      );
      return Item ? dataOf<ReminderState>(Item) : undefined;
    },

    /**
     * The reminder sent today, written with its event and history entry: refused when a run of the same day wrote it
     * first, so a customer is reminded at most once a day whatever the runs.
     */
    reminded: (state: ReminderState): Write => ({
      item: {
        Put: {
          TableName: table.name,
          Item: { ...reminderKey(state.customerId), entity: 'receivable-reminder', ...state },
          ConditionExpression: 'attribute_not_exists(pk) OR remindedOn <> :today',
          ExpressionAttributeValues: { ':today': state.remindedOn },
        },
      },
      onConditionFailed: () =>
        new Conflict(`Customer ${state.customerId} was reminded on ${state.remindedOn} already.`),
    }),
  };
}
