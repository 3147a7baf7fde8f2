import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import { subjectHistoryWrite } from './history.ts';
import { dataOf, itemOrNotFound } from './items.ts';
import { type Idempotency, putVersioned, type Write, writeAtomically } from './write.ts';

/** What every request made on a subject has (a change request, a cancellation, a customer's terms change). */
type SubjectRequest = { id: string; status: string; version: number };

/** The subject a request is made on: its partition holds the request, and messages name it. */
export type RequestSubject<T> = {
  kind: 'order' | 'customer';
  id: (request: T) => string;
  /** "Order CNC001…", "Customer 003". */
  name: (request: T) => string;
};

/** Requests made on an order: in the order's partition. */
export const onOrder: RequestSubject<{ orderId: string; orderNumber: string }> = {
  kind: 'order',
  id: (request) => request.orderId,
  name: (request) => `Order ${request.orderNumber}`,
};

/** Requests made on a customer: in the customer's partition. */
export const onCustomer: RequestSubject<{ customerId: string; customerCode: string }> = {
  kind: 'customer',
  id: (request) => request.customerId,
  name: (request) => `Customer ${request.customerCode}`,
};

export type RequestKind<T extends SubjectRequest = SubjectRequest> = {
  subject: RequestSubject<T>;
  /** The sort-key prefix (`CHANGE#<id>`) and the name of the open-guard (`OPEN#change`). */
  prefix: string;
  guard: string;
  entity: string;
  /** How the request is named in messages: "Change request". */
  label: string;
  /** Whether the request still waits (its guard is held); once it has ended, the guard goes with its last write. */
  isOpen: (status: string) => boolean;
  /** Index attributes, when the requests are also listed across subjects. */
  indexed?: (request: T) => Record<string, string>;
};

/**
 * Requests made on a subject live in the subject's partition (`ORDER#<id>`, `CUSTOMER#<id>`), beside its history.
 * At most one of each kind is open per subject: its guard item is written with the request and deleted with the
 * write that ends it, so a second request while one waits gets a 409.
 */
export function requestKeys(kind: { subject: { kind: RequestSubject<never>['kind'] }; prefix: string; guard: string }) {
  const pk = (subjectId: string) => `${kind.subject.kind.toUpperCase()}#${subjectId}`;
  return {
    item: (subjectId: string, id: string) => ({ pk: pk(subjectId), sk: `${kind.prefix}#${id}` }),
    open: (subjectId: string) => ({ pk: pk(subjectId), sk: `OPEN#${kind.guard}` }),
  };
}

export function requestRepository<T extends SubjectRequest>(table: TablePort, kind: RequestKind<T>) {
  const keys = requestKeys(kind);
  const subjectId = kind.subject.id;
  const itemOf = (request: T) => ({
    ...keys.item(subjectId(request), request.id),
    entity: kind.entity,
    ...kind.indexed?.(request),
    ...request,
  });

  /** The entry of the subject's history (R15) that records a step of the request, written with it. */
  const historyOf = (request: T, recorded: { event: DomainEvent; history: HistoryEntry }) =>
    subjectHistoryWrite(
      table.name,
      { kind: kind.subject.kind, id: subjectId(request) },
      recorded.history,
      recorded.event.id,
    );

  /**
   * The request if unchanged since read (its version moved on by one), its guard released once it has ended, and the
   * history entry recording the step when one is given.
   */
  const saved = (request: T, recorded?: { event: DomainEvent; history: HistoryEntry }): Write[] => [
    putVersioned(table.name, itemOf(request), request.version - 1, `${kind.label} ${request.id}`),
    ...(kind.isOpen(request.status)
      ? []
      : [{ item: { Delete: { TableName: table.name, Key: keys.open(subjectId(request)) } } }]),
    ...(recorded ? [historyOf(request, recorded)] : []),
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
      const label = kind.label.toLowerCase();
      await writeAtomically(table, {
        now,
        idempotency,
        events: [recorded.event],
        writes: [
          {
            item: {
              Put: {
                TableName: table.name,
                Item: { ...keys.open(subjectId(request)), entity: `open-${kind.entity}`, requestId: request.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            onConditionFailed: () =>
              new Conflict(
                `${kind.subject.name(request)} already has a ${label} waiting for its answer; ask again once it is answered.`,
                [{ field: 'id', message: `has a ${label} waiting for its answer` }],
              ),
          },
          ...checks,
          {
            item: {
              Put: { TableName: table.name, Item: itemOf(request), ConditionExpression: 'attribute_not_exists(pk)' },
            },
          },
          historyOf(request, recorded),
        ],
      });
    },

    /** A step that leaves the subject as it is: the request, and the history entry and event that record it. */
    async save(request: T, now: Date, recorded?: { event: DomainEvent; history: HistoryEntry }) {
      await writeAtomically(table, { now, events: recorded ? [recorded.event] : [], writes: saved(request, recorded) });
    },

    async get(ofSubject: string, id: string) {
      return await itemOrNotFound<T>(
        table,
        keys.item(ofSubject, id),
        `${kind.label} ${id} of ${kind.subject.kind} ${ofSubject} does not exist.`,
      );
    },

    /** The open request's id, if one waits. */
    async openId(ofSubject: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keys.open(ofSubject), ConsistentRead: true }),
      );
      return Item?.requestId as string | undefined;
    },

    /** The subject's requests of this kind, oldest first (ids are ULIDs), or newest first, or only the newest few. */
    async forSubject(
      ofSubject: string,
      { newestFirst = false, limit }: { newestFirst?: boolean; limit?: number } = {},
    ) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.item(ofSubject, '').pk, ':prefix': `${kind.prefix}#` },
          ScanIndexForward: !newestFirst,
          ...(limit ? { Limit: limit } : {}),
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => dataOf<T>(item));
    },
  };
}
