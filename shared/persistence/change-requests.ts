import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import type { ChangeRequest } from '../schemas/change-request.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import { dataOf } from './items.ts';
import { historyWrite } from './orders.ts';
import { type Idempotency, putVersioned, type Write, writeAtomically } from './write.ts';

/** Key design: see docs/data-model.md ("Change requests"). They live in their order's partition. */
export const changeRequestKeys = {
  item: (orderId: string, id: string) => ({ pk: `ORDER#${orderId}`, sk: `CHANGE#${id}` }),
  /** At most one change request of an order is open at a time: the second one waits for the first's answer. */
  open: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'OPEN#change' }),
  byStatus: (status: string) => `CHANGE_REQUESTS#${status}`,
};

const itemOf = (changeRequest: ChangeRequest) => ({
  ...changeRequestKeys.item(changeRequest.orderId, changeRequest.id),
  entity: 'change-request',
  gsi1pk: changeRequestKeys.byStatus(changeRequest.status),
  gsi1sk: `${changeRequest.createdAt}#${changeRequest.id}`,
  ...changeRequest,
});

const stillOpen = new Set<ChangeRequest['status']>(['assessing', 'awaiting_approval']);

export function changeRequestRepository(table: TablePort) {
  /** The change request as read (conditional on its version), and its open-guard released once it has ended. */
  const saved = (changeRequest: ChangeRequest): Write[] => [
    putVersioned(table.name, itemOf(changeRequest), changeRequest.version - 1, `Change request ${changeRequest.id}`),
    ...(stillOpen.has(changeRequest.status)
      ? []
      : [{ item: { Delete: { TableName: table.name, Key: changeRequestKeys.open(changeRequest.orderId) } } }]),
  ];

  return {
    saved,

    /** R11: a new change request, refused with 409 while another one of the order is open. */
    async open(
      changeRequest: ChangeRequest,
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
                  ...changeRequestKeys.open(changeRequest.orderId),
                  entity: 'open-change-request',
                  changeRequestId: changeRequest.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            onConditionFailed: () =>
              new Conflict(
                `Order ${changeRequest.orderNumber} already has a change request waiting for its answer; ask again once it is answered.`,
                [{ field: 'orderId', message: 'has an open change request' }],
              ),
          },
          {
            item: {
              Put: {
                TableName: table.name,
                Item: itemOf(changeRequest),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          },
          historyWrite(table.name, changeRequest.orderId, history, event.id),
        ],
      });
    },

    /** A step of the change workflow that leaves the order as it is: the change request, its history and event. */
    async save(changeRequest: ChangeRequest, now: Date, recorded?: { event: DomainEvent; history: HistoryEntry }) {
      await writeAtomically(table, {
        now,
        events: recorded ? [recorded.event] : [],
        writes: [
          ...saved(changeRequest),
          ...(recorded ? [historyWrite(table.name, changeRequest.orderId, recorded.history, recorded.event.id)] : []),
        ],
      });
    },

    async get(orderId: string, id: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: changeRequestKeys.item(orderId, id), ConsistentRead: true }),
      );
      if (!Item) throw new NotFound(`Change request ${id} of order ${orderId} does not exist.`);
      return dataOf<ChangeRequest>(Item);
    },

    /** An order's change requests, oldest first. */
    async forOrder(orderId: string) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
          ExpressionAttributeValues: { ':pk': changeRequestKeys.item(orderId, '').pk, ':change': 'CHANGE#' },
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => dataOf<ChangeRequest>(item)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}
