import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import type { CancellationRequest, CustomerCredit } from '../schemas/cancellation.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import { dataOf } from './items.ts';
import { historyWrite, orderKeys } from './orders.ts';
import { type Idempotency, putVersioned, type Write, writeAtomically } from './write.ts';

/**
 * Key design: see docs/data-model.md ("Cancellation requests"). They live in their order's partition, sorting
 * before its history (so the order's own query does not read them); credits live in the customer's partition.
 */
export const cancellationKeys = {
  item: (orderId: string, id: string) => ({ pk: `ORDER#${orderId}`, sk: `CANCELLATION#${id}` }),
  /** At most one cancellation of an order waits for its decision at a time. */
  open: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'OPEN#cancellation' }),
  credit: (customerId: string, orderId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `CREDIT#${orderId}` }),
};

const itemOf = (cancellation: CancellationRequest) => ({
  ...cancellationKeys.item(cancellation.orderId, cancellation.id),
  entity: 'cancellation-request',
  ...cancellation,
});

/** The order's statuses that end it (shared/domain/order-intake.ts `ended`): a cancellation is asked only before. */
const endedStatuses = ['rejected', 'cancelled', 'merged'];

export function cancellationRepository(table: TablePort) {
  /** The request if unchanged since read, its guard released once it has been decided or has lapsed. */
  const saved = (cancellation: CancellationRequest): Write[] => [
    putVersioned(table.name, itemOf(cancellation), cancellation.version - 1, `Cancellation request ${cancellation.id}`),
    ...(cancellation.status === 'waiting'
      ? []
      : [{ item: { Delete: { TableName: table.name, Key: cancellationKeys.open(cancellation.orderId) } } }]),
  ];

  /** R16: the deposit owed back, written once per order (a retried step finds it and writes nothing twice). */
  const creditWrite = (credit: CustomerCredit): Write => ({
    item: {
      Put: {
        TableName: table.name,
        Item: { ...cancellationKeys.credit(credit.customerId, credit.orderId), entity: 'customer-credit', ...credit },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new Conflict(`A credit for order ${credit.orderNumber} is recorded already.`),
  });

  return {
    saved,
    creditWrite,

    /**
     * R16: a new request, refused with 409 while another one of the order waits for its decision, or when the
     * order ended meanwhile (checked in the same transaction).
     */
    async open(
      cancellation: CancellationRequest,
      event: DomainEvent,
      history: HistoryEntry,
      now: Date,
      idempotency?: Idempotency,
    ) {
      await writeAtomically(table, {
        now,
        idempotency,
        events: [event],
        writes: [
          {
            item: {
              Put: {
                TableName: table.name,
                Item: {
                  ...cancellationKeys.open(cancellation.orderId),
                  entity: 'open-cancellation',
                  cancellationId: cancellation.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            onConditionFailed: () =>
              new Conflict(
                `Order ${cancellation.orderNumber} already has a cancellation waiting for its decision; ask again once it is decided.`,
                [{ field: 'id', message: 'has a cancellation waiting for its decision' }],
              ),
          },
          {
            item: {
              ConditionCheck: {
                TableName: table.name,
                Key: orderKeys.item(cancellation.orderId),
                ConditionExpression: 'attribute_exists(pk) AND NOT #status IN (:rejected, :cancelled, :merged)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':rejected': endedStatuses[0],
                  ':cancelled': endedStatuses[1],
                  ':merged': endedStatuses[2],
                },
              },
            },
            onConditionFailed: () =>
              new Conflict(`Order ${cancellation.orderNumber} ended a moment ago; there is nothing left to cancel.`),
          },
          {
            item: {
              Put: {
                TableName: table.name,
                Item: itemOf(cancellation),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          },
          historyWrite(table.name, cancellation.orderId, history, event.id),
        ],
      });
    },

    /** A step that leaves the order as it is: the request, and the history entry and event that record it. */
    async save(cancellation: CancellationRequest, now: Date, recorded?: { event: DomainEvent; history: HistoryEntry }) {
      await writeAtomically(table, {
        now,
        events: recorded ? [recorded.event] : [],
        writes: [
          ...saved(cancellation),
          ...(recorded ? [historyWrite(table.name, cancellation.orderId, recorded.history, recorded.event.id)] : []),
        ],
      });
    },

    async get(orderId: string, id: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: cancellationKeys.item(orderId, id), ConsistentRead: true }),
      );
      if (!Item) throw new NotFound(`Cancellation request ${id} of order ${orderId} does not exist.`);
      return dataOf<CancellationRequest>(Item);
    },

    /** The order's latest cancellation request (ids are ULIDs: the last sort key is the newest), if any. */
    async latest(orderId: string) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :cancellation)',
          ExpressionAttributeValues: { ':pk': orderKeys.item(orderId).pk, ':cancellation': 'CANCELLATION#' },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return Items[0] ? dataOf<CancellationRequest>(Items[0]) : undefined;
    },

    /** R16: the credit recorded for a cancelled order, if any (F7 reads these). */
    async credit(customerId: string, orderId: string) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: cancellationKeys.credit(customerId, orderId),
          ConsistentRead: true,
        }),
      );
      return Item ? dataOf<CustomerCredit>(Item) : undefined;
    },
  };
}
