import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TablePort } from '../ports/index.ts';

/**
 * Workflow steps waiting for something to happen to a subject (an order waiting for its customer's review, R10, or
 * for its deposit, R9; a delivery for its balance, its customer's credit or its receipt, F3; a complaint for the
 * weight received, R28):
 * each keeps its task token under the subject until the event that resumes it.
 */
const key = (kind: string, id: string) => `WAITERS#${kind}#${id}`;
const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');

/** R9: an intake waiting for the payments against its order to reach the deposit. */
export const depositWaiter = (orderId: string) => ({ kind: 'order-deposit', id: orderId });

/** R9: a delivery waiting for the payments against its order to reach what is due before it ships. */
export const balanceWaiter = (orderId: string) => ({ kind: 'order-balance', id: orderId });

/** F7: a monthly customer's delivery waiting for its payments to bring it within its credit limit. */
export const creditWaiter = (customerId: string) => ({ kind: 'customer-credit', id: customerId });

/** R23: a delivery waiting for the customer to sign for it. */
export const receiptWaiter = (orderId: string, delivery: number) => ({
  kind: 'delivery-receipt',
  id: `${orderId}#${delivery}`,
});

/** R33: an approved return waiting for the customer to announce its shipment. */
export const returnShipmentWaiter = (returnId: string) => ({ kind: 'return-shipment', id: returnId });
/** R28: a complaint about a short shipment waiting for the weight the customer received. */
export const weightWaiter = (complaintId: string) => ({ kind: 'complaint-weight', id: complaintId });
/** R38: a statement waiting for the customer to sign it back. */
export const statementWaiter = (statementId: string) => ({ kind: 'statement-sign-back', id: statementId });

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
