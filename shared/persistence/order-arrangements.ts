import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Conflict } from '../domain/errors.ts';
import type { OrdersMerged } from '../domain/order-arrangement.ts';
import type { TablePort } from '../ports/index.ts';
import type { OrderRevision } from '../schemas/change-request.ts';
import type { HistoryEntry, Order } from '../schemas/order.ts';
import { cancellationKeys } from './cancellations.ts';
import { changeRequestKeys } from './change-requests.ts';
import { historyWrite, orderItem, orderPoItem, orderRepository } from './orders.ts';
import { type Idempotency, putVersioned, type Write } from './write.ts';

/**
 * R24: the merge holds only while no change request (R11) or cancellation (R16) waits on the order: their guard
 * items are absent, checked in the write.
 */
function nothingOpenOn(tableName: string, order: Pick<Order, 'id' | 'number'>, field: string): Write[] {
  const check = (key: { pk: string; sk: string }, what: string): Write => ({
    item: { ConditionCheck: { TableName: tableName, Key: key, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () =>
      new Conflict(`Order ${order.number} has a ${what} waiting; merge it once that is answered.`, [
        { field, message: `has a ${what} waiting` },
      ]),
  });
  return [
    check(changeRequestKeys.open(order.id), 'change request'),
    check(cancellationKeys.open(order.id), 'cancellation'),
  ];
}

export type Merge = {
  surviving: Order;
  absorbed: Order;
  revision: OrderRevision;
  survivingRecord: { event: OrdersMerged; history: HistoryEntry };
  absorbedRecord: { event: OrdersMerged; history: HistoryEntry };
};

/** DynamoDB cancels one of two transactions on the same items at the same moment: that is no stale version. */
const isTransactionConflict = (error: unknown) =>
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')) ||
  (error as Error).name === 'TransactionConflictException';

const attempts = 4;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));

export function orderArrangementRepository(table: TablePort) {
  return {
    /**
     * R24: both orders — each only if unchanged since read — their history entries and events, the surviving
     * order's new revision, and the checks that nothing waits on either, in one transaction.
     */
    async merge(
      { surviving, absorbed, revision, survivingRecord, absorbedRecord }: Merge,
      versions: { surviving: number; absorbed: number },
      now: Date,
      idempotency?: Idempotency,
    ) {
      const absorbedPut = putVersioned(table.name, orderItem(absorbed), versions.absorbed, `Order ${absorbed.number}`);
      const writes: Write[] = [
        {
          ...absorbedPut,
          onConditionFailed: () =>
            new Conflict(`Order ${absorbed.number} was changed by someone else; read it again and retry.`, [
              { field: 'otherVersion', message: `is not the current version (you sent ${versions.absorbed})` },
            ]),
        },
        historyWrite(table.name, absorbed.id, absorbedRecord.history, absorbedRecord.event.id),
        // R42: the absorbed order's PO now finds the order its lines went into too.
        { item: { Put: { TableName: table.name, Item: orderPoItem(absorbed.poNumber, surviving) } } },
        ...nothingOpenOn(table.name, surviving, 'id'),
        ...nothingOpenOn(table.name, absorbed, 'orderId'),
      ];
      for (let attempt = 1; ; attempt++) {
        try {
          await orderRepository(table).commit(
            {
              order: surviving,
              expectedVersion: versions.surviving,
              events: [survivingRecord.event, absorbedRecord.event],
              history: [{ entry: survivingRecord.history, eventId: survivingRecord.event.id }],
              revision,
              writes,
            },
            now,
            idempotency,
          );
          return;
        } catch (error) {
          if (!isTransactionConflict(error)) throw error;
          if (attempt === attempts) {
            throw new Conflict('These orders are being changed by someone else at this moment; read them again.');
          }
          await pause(attempt);
        }
      }
    },
  };
}
