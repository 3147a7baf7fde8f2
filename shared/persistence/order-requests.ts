import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import { dataOf } from './items.ts';
import { historyWrite } from './orders.ts';
import { type Idempotency, putVersioned, type Write, writeAtomically } from './write.ts';

/** What every request made on an order has (a change request, a cancellation). */
type OrderRequest = { id: string; orderId: string; orderNumber: string; status: string; version: number };

export type OrderRequestKind<T extends OrderRequest = OrderRequest> = {
  /** The sort-key prefix (`CHANGE#<id>`) and the name of the open-guard (`OPEN#change`). */
  prefix: string;
  guard: string;
  entity: string;
  /** How the request is named in messages: "Change request". */
  label: string;
  /** Whether the request still waits (its guard is held); once it has ended, the guard goes with its last write. */
  isOpen: (status: string) => boolean;
  /** Index attributes, when the requests are also listed across orders. */
  indexed?: (request: T) => Record<string, string>;
};

/**
 * Requests made on an order live in the order's partition (before its history, so the order's own query does not
 * read them). At most one of each kind is open per order: its guard item is written with the request and deleted
 * with the write that ends it, so a second request while one waits gets a 409.
 */
export function orderRequestKeys(kind: Pick<OrderRequestKind, 'prefix' | 'guard'>) {
  return {
    item: (orderId: string, id: string) => ({ pk: `ORDER#${orderId}`, sk: `${kind.prefix}#${id}` }),
    open: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: `OPEN#${kind.guard}` }),
  };
}

export function orderRequestRepository<T extends OrderRequest>(table: TablePort, kind: OrderRequestKind<T>) {
  const keys = orderRequestKeys(kind);
  const itemOf = (request: T) => ({
    ...keys.item(request.orderId, request.id),
    entity: kind.entity,
    ...kind.indexed?.(request),
    ...request,
  });

  /** The request if unchanged since read (its version moved on by one), its guard released once it has ended. */
  const saved = (request: T): Write[] => [
    putVersioned(table.name, itemOf(request), request.version - 1, `${kind.label} ${request.id}`),
    ...(kind.isOpen(request.status)
      ? []
      : [{ item: { Delete: { TableName: table.name, Key: keys.open(request.orderId) } } }]),
  ];

  return {
    keys,
    saved,

    /** A new request with its guard, history entry and event; `checks` are further conditions of the same write. */
    async open(
      request: T,
      recorded: { event: DomainEvent; history: HistoryEntry },
      now: Date,
      { idempotency, checks = [] }: { idempotency?: Idempotency; checks?: Write[] } = {},
    ) {
      await writeAtomically(table, {
        now,
        idempotency,
        events: [recorded.event],
        writes: [
          {
            item: {
              Put: {
                TableName: table.name,
                Item: { ...keys.open(request.orderId), entity: `open-${kind.entity}`, requestId: request.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            onConditionFailed: () =>
              new Conflict(
                `Order ${request.orderNumber} already has a ${kind.label.toLowerCase()} waiting for its answer; ask again once it is answered.`,
                [{ field: 'id', message: `has a ${kind.label.toLowerCase()} waiting for its answer` }],
              ),
          },
          ...checks,
          {
            item: {
              Put: { TableName: table.name, Item: itemOf(request), ConditionExpression: 'attribute_not_exists(pk)' },
            },
          },
          historyWrite(table.name, request.orderId, recorded.history, recorded.event.id),
        ],
      });
    },

    /** A step that leaves the order as it is: the request, and the history entry and event that record it. */
    async save(request: T, now: Date, recorded?: { event: DomainEvent; history: HistoryEntry }) {
      await writeAtomically(table, {
        now,
        events: recorded ? [recorded.event] : [],
        writes: [
          ...saved(request),
          ...(recorded ? [historyWrite(table.name, request.orderId, recorded.history, recorded.event.id)] : []),
        ],
      });
    },

    async get(orderId: string, id: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keys.item(orderId, id), ConsistentRead: true }),
      );
      if (!Item) throw new NotFound(`${kind.label} ${id} of order ${orderId} does not exist.`);
      return dataOf<T>(Item);
    },

    /** The open request's id, if one waits. */
    async openId(orderId: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keys.open(orderId), ConsistentRead: true }),
      );
      return Item?.requestId as string | undefined;
    },

    /** The order's requests of this kind, oldest first (ids are ULIDs), or only the newest. */
    async forOrder(orderId: string, { newestOnly = false } = {}) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.item(orderId, '').pk, ':prefix': `${kind.prefix}#` },
          ScanIndexForward: !newestOnly,
          ...(newestOnly ? { Limit: 1 } : {}),
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => dataOf<T>(item));
    },
  };
}
