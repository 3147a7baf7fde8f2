import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, ValidationFailed } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import { referenceKey } from '../domain/payment.ts';
import type { TablePort } from '../ports/index.ts';
import type { HistoryEntry, Order } from '../schemas/order.ts';
import type { Payment } from '../schemas/payment.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { allPages, dataOf, itemOrNotFound } from './items.ts';
import { booked } from './ledger.ts';
import { orderRepository } from './orders.ts';
import { type Idempotency, type Write, writeAtomically } from './write.ts';

/** Key design: see docs/data-model.md ("Payments"). */
export const paymentKeys = {
  item: (id: string) => ({ pk: `PAYMENT#${id}`, sk: 'PAYMENT' }),
  reference: (customerId: string, reference: string) => ({
    pk: `PAYMENT_REFERENCE#${referenceKey(customerId, reference)}`,
    sk: 'PAYMENT_REFERENCE',
  }),
  byCustomer: (customerId: string) => `SUBJECT#customer#${customerId}`,
  sortPrefix: 'PAYMENT#',
};

/** The same receipt recorded before (the customer's reference is taken): 409 naming that payment. */
export class PaymentRecordedAlready extends Conflict {
  constructor(paymentId: string, reference: string) {
    super(`This customer's payment with reference ${reference} is recorded already, as ${paymentId}.`, [
      { field: 'reference', message: `is recorded already as ${paymentId}` },
    ]);
  }
}

const paymentItem = (payment: Payment) => ({
  ...paymentKeys.item(payment.id),
  entity: 'payment',
  gsi2pk: paymentKeys.byCustomer(payment.customerId),
  gsi2sk: `${paymentKeys.sortPrefix}${payment.receivedOn}#${payment.id}`,
  ...payment,
});

/** The customer's reference, taken once: the write that finds it taken is refused, naming the payment that took it. */
const referenceWrite = (tableName: string, payment: Payment): Write => ({
  item: {
    Put: {
      TableName: tableName,
      Item: {
        ...paymentKeys.reference(payment.customerId, payment.reference),
        entity: 'unique',
        paymentId: payment.id,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
  onConditionFailed: (found) =>
    new PaymentRecordedAlready(String(found?.paymentId ?? 'another payment'), payment.reference),
});

/** A payment as recorded: with the order's ledger when it names an order (R9). */
export type PaymentCommit = {
  payment: Payment;
  event: DomainEvent;
  order?: { order: Order; expectedVersion: number; history: HistoryEntry };
};

export function paymentRepository(table: TablePort) {
  return {
    /**
     * Stores the payment, its reference taken, the customer's receivable and its event — and, against an order, the
     * order's ledger (if the order is unchanged since read) with its history entry — in one transaction.
     */
    async record({ payment, event, order }: PaymentCommit, now: Date, idempotency?: Idempotency) {
      const writes: Write[] = [
        referenceWrite(table.name, payment),
        {
          item: {
            Put: { TableName: table.name, Item: paymentItem(payment), ConditionExpression: 'attribute_not_exists(pk)' },
          },
        },
        // F7: what the customer owes goes down by what it paid.
        ...booked(table.name, {
          customerId: payment.customerId,
          kind: 'payment',
          reference: payment.id,
          amount: -payment.amount,
          currency: payment.currency,
          ...(payment.orderNumber ? { orderNumber: payment.orderNumber } : {}),
          at: payment.recordedAt,
        }),
      ];
      if (!order) {
        await writeAtomically(table, { now, idempotency, events: [event], writes });
        return;
      }
      await orderRepository(table).commit(
        {
          order: order.order,
          expectedVersion: order.expectedVersion,
          events: [event],
          history: [{ entry: order.history, eventId: event.id }],
          writes,
        },
        now,
        idempotency,
      );
    },

    /** The payment that took a customer's reference, if any (read before recording, to name it). */
    async byReference(customerId: string, reference: string) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: paymentKeys.reference(customerId, reference),
          ConsistentRead: true,
        }),
      );
      return Item?.paymentId as string | undefined;
    },

    async get(id: string) {
      return await itemOrNotFound<Payment>(table, paymentKeys.item(id), `Payment ${id} does not exist.`, {
        consistent: false,
      });
    },

    /** A customer's payments, the latest received first, a page at a time (GSI2 of the customer). */
    async forCustomer(customerId: string, { cursor, limit }: { cursor?: string; limit: number }) {
      const partition = paymentKeys.byCustomer(customerId);
      const start = decodeCursor(cursor, { gsi2pk: partition });
      if (start && !start.gsi2sk?.startsWith(paymentKeys.sortPrefix)) {
        throw new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this list returned' }]);
      }
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
          ExpressionAttributeValues: { ':pk': partition, ':prefix': paymentKeys.sortPrefix },
          ExclusiveStartKey: start,
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return { items: Items.map((item) => dataOf<Payment>(item)), next: encodeCursor(LastEvaluatedKey) };
    },

    /** A customer's payments received from one day to another (both included), every page (R40: reconciliation). */
    receivedBetween: (customerId: string, from: string, to: string) =>
      allPages<Payment>(table, {
        TableName: table.name,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': paymentKeys.byCustomer(customerId),
          ':from': `${paymentKeys.sortPrefix}${from}`,
          ':to': `${paymentKeys.sortPrefix}${to}#\uffff`,
        },
      }),
  };
}
