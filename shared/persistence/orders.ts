import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { companyMidnight } from '../domain/company.ts';
import { Conflict, NotFound } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import { addDays } from '../domain/lead-time.ts';
import { poKey } from '../domain/order.ts';
import { firstRevision } from '../domain/order-change.ts';
import type { Numbering } from '../domain/order-number.ts';
import type { TablePort } from '../ports/index.ts';
import type { OrderRevision } from '../schemas/change-request.ts';
import type { HistoryEntry, Order } from '../schemas/order.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { subjectHistoryWrite } from './history.ts';
import { allPages, dataOf } from './items.ts';
import { type Idempotency, putVersioned, type Write, WriteRaced, writeAtomically } from './write.ts';

/** Key design: see docs/data-model.md ("Orders"). */
export const orderKeys = {
  item: (id: string) => ({ pk: `ORDER#${id}`, sk: 'ORDER' }),
  revision: (id: string, revision: number) => ({
    pk: `ORDER#${id}`,
    sk: `REVISION#${String(revision).padStart(4, '0')}`,
  }),
  number: (number: string) => ({ pk: `ORDER_NUMBER#${number}`, sk: 'ORDER_NUMBER' }),
  po: (poNumber: string) => `ORDER_PO#${poKey(poNumber)}`,
  sequence: (customerId: string) => ({ pk: `ORDER_SEQUENCE#${customerId}`, sk: 'ORDER_SEQUENCE' }),
  byStatus: (status: string) => `ORDERS#${status}`,
  byCustomer: (customerId: string) => `SUBJECT#customer#${customerId}`,
  all: 'ORDERS',
};

export const orderItem = (order: Order) => ({
  ...orderKeys.item(order.id),
  entity: 'order',
  gsi1pk: orderKeys.byStatus(order.status),
  gsi1sk: `${order.createdAt}#${order.id}`,
  gsi2pk: orderKeys.byCustomer(order.customerId),
  gsi2sk: `ORDER#${order.createdAt}#${order.id}`,
  gsi3pk: orderKeys.all,
  gsi3sk: `${order.createdAt}#${order.id}`,
  ...order,
});

/**
 * R42: an order found by a PO number it carries (doc 003 §6.1): one item per customer and order, since PO numbers are
 * unique per customer only, sorted by customer so that a customer's user reads its own alone.
 */
export const orderPoItem = (poNumber: string, order: Pick<Order, 'id' | 'customerId'>) => ({
  pk: orderKeys.po(poNumber),
  sk: `${order.customerId}#${order.id}`,
  entity: 'order-po',
  poNumber,
  orderId: order.id,
  customerId: order.customerId,
});

/** The most orders one PO lookup answers with: one query, never paged. */
export const maxPoMatches = 100;

/**
 * The order is (still) in one of `statuses`, checked in the transaction of a request made on it: an order that ended
 * between the handler's read and this write (merged, cancelled) is refused with the reason its status now gives.
 */
export const orderStatusCheck = (
  tableName: string,
  orderId: string,
  statuses: readonly Order['status'][],
  why: (now: Pick<Order, 'status' | 'mergedInto'>) => string | undefined,
): Write => ({
  item: {
    ConditionCheck: {
      TableName: tableName,
      Key: orderKeys.item(orderId),
      ConditionExpression: `attribute_exists(pk) AND #status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status])),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
  onConditionFailed: (item) => {
    const now = item as Pick<Order, 'status' | 'mergedInto'> | undefined;
    return new Conflict((now && why(now)) ?? 'The order moved on a moment ago; read it again.');
  },
});

/** R15: one entry of an order's history, written with the change it records. */
export const historyWrite = (tableName: string, orderId: string, history: HistoryEntry, eventId: string): Write =>
  subjectHistoryWrite(tableName, { kind: 'order', id: orderId }, history, eventId);

/** R15: a revision of the order's terms, written once. */
const revisionWrite = (tableName: string, orderId: string, revision: OrderRevision): Write => ({
  item: {
    Put: {
      TableName: tableName,
      Item: { ...orderKeys.revision(orderId, revision.revision), entity: 'order-revision', ...revision },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  onConditionFailed: () => new Conflict(`Revision ${revision.revision} of this order exists already.`),
});

/** A change to an order: the order (if unchanged since read), its history entries and events, and more writes. */
export type OrderCommit = {
  order: Order;
  expectedVersion: number;
  events: DomainEvent[];
  /** Each history entry is keyed by the event it goes with. */
  history: { entry: HistoryEntry; eventId: string }[];
  revision?: OrderRevision;
  writes?: Write[];
};

/** The customer's order sequence moved on only if nobody else moved it since it was read: where it stands now. */
class SequenceTaken extends Error {
  readonly now: Numbering | undefined;
  constructor(now: Numbering | undefined) {
    super('the sequence was taken');
    this.now = now;
  }
}

const numberingOf = (item: Record<string, unknown>): Numbering => ({
  last: item.last as number,
  month: item.month as string | undefined,
  inMonth: item.inMonth as number | undefined,
});

export type OrderQuery = {
  customerId?: string;
  status?: string;
  /** Company days (YYYY-MM-DD) the orders were placed on, both included. */
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
};

export function orderRepository(table: TablePort) {
  return {
    /** R3: where the customer's numbering stands (read before numbering the next order); undefined before the first. */
    async numbering(customerId: string): Promise<Numbering | undefined> {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: orderKeys.sequence(customerId), ConsistentRead: true }),
      );
      return Item && numberingOf(Item);
    },

    /**
     * Stores a new order with its number, first history entry and event, moving the customer's sequence on — all
     * in one transaction. Not placed when another order took the sequence first — `seen`: where the refused write
     * found it — or DynamoDB cancelled the transaction for a concurrent one (TransactionConflict; nothing seen): the
     * caller numbers again.
     */
    async place(
      order: Order,
      numbering: { previous: Numbering | undefined; next: Numbering },
      event: DomainEvent,
      history: HistoryEntry,
      now: Date,
      idempotency?: Idempotency,
    ) {
      const writes: Write[] = [
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...orderKeys.sequence(order.customerId), entity: 'order-sequence', ...numbering.next },
              ConditionExpression: numbering.previous === undefined ? 'attribute_not_exists(pk)' : '#last = :previous',
              ...(numbering.previous === undefined
                ? {}
                : {
                    ExpressionAttributeNames: { '#last': 'last' },
                    ExpressionAttributeValues: { ':previous': numbering.previous.last },
                  }),
              // A lost race learns where the sequence stands without reading it again.
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          onConditionFailed: (found) => new SequenceTaken(found && numberingOf(found)),
        },
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...orderKeys.number(order.number), entity: 'unique', orderId: order.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          onConditionFailed: () =>
            // Only a sequence kept before months were counted (see nextNumbering) can come here.
            new Conflict(`Order number ${order.number} is taken: the customer has had 99 orders this month (R3).`),
        },
        {
          item: {
            Put: { TableName: table.name, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(pk)' },
          },
        },
        {
          item: {
            Put: {
              TableName: table.name,
              Item: orderPoItem(order.poNumber, order),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        historyWrite(table.name, order.id, history, event.id),
        revisionWrite(table.name, order.id, firstRevision(order)),
      ];
      try {
        await writeAtomically(table, { now, idempotency, events: [event], writes });
        return { placed: true } as const;
      } catch (error) {
        // Another order took the sequence, or was writing it at the same instant: number again from a fresh read.
        if (error instanceof SequenceTaken) return { placed: false, seen: error.now } as const;
        if (error instanceof WriteRaced) return { placed: false, seen: undefined } as const;
        throw error;
      }
    },

    /** A step of intake: the order (if unchanged since read), its history entry and event, together. */
    async move(order: Order, expectedVersion: number, event: DomainEvent, history: HistoryEntry, now: Date) {
      await this.commit(
        { order, expectedVersion, events: [event], history: [{ entry: history, eventId: event.id }] },
        now,
      );
    },

    /** Any change to an order, all of it in one transaction: nothing is written unless everything is. */
    async commit(change: OrderCommit, now: Date, idempotency?: Idempotency) {
      const { order, expectedVersion, events, history, revision, writes = [] } = change;
      await writeAtomically(table, {
        now,
        idempotency,
        events,
        writes: [
          putVersioned(table.name, orderItem(order), expectedVersion, `Order ${order.number}`),
          ...history.map(({ entry, eventId }) => historyWrite(table.name, order.id, entry, eventId)),
          ...(revision ? [revisionWrite(table.name, order.id, revision)] : []),
          ...writes,
        ],
      });
    },

    /** R15: every revision of the order's terms, the first (as placed) first. */
    async revisions(id: string) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :revision)',
          ExpressionAttributeValues: { ':pk': orderKeys.item(id).pk, ':revision': 'REVISION#' },
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => dataOf<OrderRevision>(item));
    },

    /**
     * The order and its history (R15), from one query of the order's partition: its sort keys run HISTORY#… up
     * to ORDER (change requests sort before, revisions after, and are read on their own).
     */
    async get(id: string) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :history AND :order',
          ExpressionAttributeValues: { ':pk': orderKeys.item(id).pk, ':history': 'HISTORY#', ':order': 'ORDER' },
          ConsistentRead: true,
        }),
      );
      const item = Items.find((i) => i.sk === 'ORDER');
      if (!item) throw new NotFound(`Order ${id} does not exist.`);
      const history = Items.filter((i) => String(i.sk).startsWith('HISTORY#')).map((i) => {
        const { pk, sk, entity, ...entry } = i;
        return entry as HistoryEntry;
      });
      return { order: dataOf<Order>(item), history };
    },

    /** R3: the order that has this number, or none (the number's guard, then the order). */
    async withNumber(number: string): Promise<Order[]> {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: orderKeys.number(number) }),
      );
      return Item ? this.current([Item.orderId as string]) : [];
    },

    /**
     * R42: the orders carrying a PO number — a customer's only when it is given — each as it stands now, in one
     * query of the PO's lookup items and a read of each order.
     */
    async withPo(poNumber: string, customerId?: string): Promise<Order[]> {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: customerId ? 'pk = :pk AND begins_with(sk, :customer)' : 'pk = :pk',
          ExpressionAttributeValues: {
            ':pk': orderKeys.po(poNumber),
            ...(customerId ? { ':customer': `${customerId}#` } : {}),
          },
          Limit: maxPoMatches,
        }),
      );
      return this.current(Items.map((item) => item.orderId as string));
    },

    /** The orders as they stand, newest first; one that does not exist (any more) is left out. */
    async current(ids: string[]) {
      const items = await Promise.all(
        ids.map((id) => table.client.send(new GetCommand({ TableName: table.name, Key: orderKeys.item(id) }))),
      );
      return items
        .flatMap(({ Item }) => (Item ? [dataOf<Order>(Item)] : []))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    /**
     * Orders newest first from the index that fits: a customer's (GSI2), a status's (GSI1) or all (GSI3); a status
     * asked together with a customer filters that customer's orders.
     */
    async list({ customerId, status, from, to, cursor, limit }: OrderQuery) {
      const [index, key, prefix] = customerId
        ? (['gsi2', orderKeys.byCustomer(customerId), 'ORDER#'] as const)
        : status
          ? (['gsi1', orderKeys.byStatus(status), ''] as const)
          : (['gsi3', orderKeys.all, ''] as const);
      const partition = `${index}pk`;
      const sort = `${index}sk`;
      const filterStatus = customerId && status;
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: index,
          KeyConditionExpression: `${partition} = :pk AND ${sort} BETWEEN :from AND :to`,
          ExpressionAttributeValues: {
            ':pk': key,
            // The company's days: from the first's midnight to the midnight after the last.
            ':from': `${prefix}${from ? companyMidnight(from) : '0'}`,
            ':to': `${prefix}${to ? companyMidnight(addDays(to, 1)) : '\uffff'}`,
            ...(filterStatus ? { ':status': status } : {}),
          },
          ...(filterStatus
            ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
            : {}),
          ExclusiveStartKey: decodeCursor(cursor, { [partition]: key }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return { items: Items.map((item) => dataOf<Order>(item)), next: encodeCursor(LastEvaluatedKey) };
    },

    /**
     * R7: the orders in a status, every page, only what the daily follow-up needs of them (never their lines): which
     * order, whose, its promised date and its last step.
     */
    inStatus: (status: Order['status']) =>
      allPages<Pick<Order, 'id' | 'number' | 'customerId' | 'status' | 'promisedDate' | 'updatedAt'>>(table, {
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': orderKeys.byStatus(status) },
        ProjectionExpression: 'id, #number, customerId, #status, promisedDate, updatedAt',
        ExpressionAttributeNames: { '#number': 'number', '#status': 'status' },
      }),

    /**
     * A customer's orders placed between two instants, oldest first, every page (R40: the reconciliation of a period):
     * only what identifies them, their totals and status, never their lines.
     */
    placedBetween: (customerId: string, from: string, to: string) =>
      allPages<Pick<Order, 'id' | 'number' | 'poNumber' | 'status' | 'totals' | 'createdAt'>>(table, {
        TableName: table.name,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': orderKeys.byCustomer(customerId),
          ':from': `ORDER#${from}`,
          ':to': `ORDER#${to}`,
        },
        ProjectionExpression: 'id, #number, poNumber, #status, totals, createdAt',
        ExpressionAttributeNames: { '#number': 'number', '#status': 'status' },
      }),
  };
}
