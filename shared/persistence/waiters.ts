import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TablePort } from '../ports/index.ts';

/**
 * Workflow steps waiting for something to happen to a subject (an order waiting for its customer's review, R10, or
 * for its deposit, R9):
 * each keeps its task token under the subject until the event that resumes it.
 */
const key = (kind: string, id: string) => `WAITERS#${kind}#${id}`;
const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');

/** R9: an intake waiting for the payments against its order to reach the deposit. */
export const depositWaiter = (orderId: string) => ({ kind: 'order-deposit', id: orderId });

export function waiterRepository(table: TablePort) {
  return {
    async add(subject: { kind: string; id: string }, taskToken: string, expiresAt: number) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: { pk: key(subject.kind, subject.id), sk: tokenKey(taskToken), entity: 'waiter', taskToken, expiresAt },
        }),
      );
    },

    async of(subject: { kind: string; id: string }) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': key(subject.kind, subject.id) },
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => item.taskToken as string);
    },

    async remove(subject: { kind: string; id: string }, taskToken: string) {
      await table.client.send(
        new DeleteCommand({
          TableName: table.name,
          Key: { pk: key(subject.kind, subject.id), sk: tokenKey(taskToken) },
        }),
      );
    },
  };
}
