import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import type { IssuedDeliveryNote, OrderDelivery } from '../schemas/delivery.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { allPages, batchGet, dataOf, itemOrNotFound } from './items.ts';
import { ledgerRepository } from './ledger.ts';
import { monthlyNumber, monthlySequence } from './sequences.ts';
import { putNew, putVersioned, type Write } from './write.ts';

/** Key design: see docs/data-model.md ("Deliveries and delivery notes"). */
export const deliveryKeys = {
  item: (orderId: string, delivery: number) => ({
    pk: `ORDER#${orderId}`,
    sk: `DELIVERY#${String(delivery).padStart(2, '0')}`,
  }),
  byStatus: (status: string) => `DELIVERIES#${status}`,
  all: 'DELIVERIES',
  note: (number: string) => ({ pk: `DELIVERY_NOTE#${number}`, sk: 'DELIVERY_NOTE' }),
  receiptLink: (hash: string) => ({ pk: `RECEIPT_LINK#${hash}`, sk: 'LINK' }),
  /** Grants: the receipt links; the orders' partitions, where deliveries live. */
  receiptLinks: 'RECEIPT_LINK#*',
  partitions: 'ORDER#*',
};

/** R23: what a receipt link e-mailed to the customer stands for: one delivery, until it expires. */
export type ReceiptLink = { orderId: string; delivery: number; expiresAt: number };

/** The day the warehouse lists a delivery under: the day it is to ship, else the day the order planned it for. */
const listedOn = (delivery: OrderDelivery) => delivery.shipDate ?? delivery.requestedDate;

const deliveryItem = (delivery: OrderDelivery) => {
  const sort = `${listedOn(delivery)}#${delivery.orderId}#${String(delivery.delivery).padStart(2, '0')}`;
  return {
    ...deliveryKeys.item(delivery.orderId, delivery.delivery),
    entity: 'delivery',
    gsi1pk: deliveryKeys.byStatus(delivery.status),
    gsi1sk: sort,
    gsi3pk: deliveryKeys.all,
    gsi3sk: sort,
    ...delivery,
  };
};

/** R20: a delivery note number: DN, the month it was issued in, and its sequence in that month (DN2026120001). */
export const deliveryNoteNumber = (month: string, sequence: number) => monthlyNumber('DN', month, sequence);

export type DeliveryQuery = { status?: string; from?: string; to?: string; cursor?: string; limit: number };

export function deliveryRepository(table: TablePort) {
  return {
    /** A delivery as it first exists (production finished it), written with the order's change. */
    created: (delivery: OrderDelivery): Write =>
      putNew(table.name, deliveryItem(delivery), {
        field: 'delivery',
        message: `Delivery ${delivery.delivery} of order ${delivery.orderNumber} exists already`,
      }),

    /** A delivery moved on, if nobody moved it since it was read. */
    saved: (delivery: OrderDelivery, expectedVersion: number): Write =>
      putVersioned(
        table.name,
        deliveryItem(delivery),
        expectedVersion,
        `Delivery ${delivery.delivery} of order ${delivery.orderNumber}`,
      ),

    /** Every delivery of an order that production finished, by number. */
    async forOrder(orderId: string) {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :delivery)',
          ExpressionAttributeValues: { ':pk': `ORDER#${orderId}`, ':delivery': 'DELIVERY#' },
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => dataOf<OrderDelivery>(item));
    },

    async get(orderId: string, delivery: number) {
      return await itemOrNotFound<OrderDelivery>(
        table,
        deliveryKeys.item(orderId, delivery),
        `Delivery ${delivery} of order ${orderId} does not exist.`,
      );
    },

    /** R7: the deliveries in a status, every page, only what the daily follow-up needs of them (never their lines). */
    inStatus: (status: OrderDelivery['status']) =>
      allPages<Pick<OrderDelivery, 'orderNumber' | 'customerId' | 'delivery' | 'status' | 'expectedBy' | 'updatedAt'>>(
        table,
        {
          TableName: table.name,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': deliveryKeys.byStatus(status) },
          ProjectionExpression: 'orderNumber, customerId, delivery, #status, expectedBy, updatedAt',
          ExpressionAttributeNames: { '#status': 'status' },
        },
      ),

    /** The warehouse's list: deliveries by the day they ship (GSI1 of a status, else GSI3 of all), earliest first. */
    async list({ status, from, to, cursor, limit }: DeliveryQuery) {
      const [index, key] = status
        ? (['gsi1', deliveryKeys.byStatus(status)] as const)
        : (['gsi3', deliveryKeys.all] as const);
      const partition = `${index}pk`;
      const sort = `${index}sk`;
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: index,
          KeyConditionExpression: `${partition} = :pk AND ${sort} BETWEEN :from AND :to`,
          ExpressionAttributeValues: { ':pk': key, ':from': from ?? '0', ':to': `${to ?? '9'}\uffff` },
          ExclusiveStartKey: decodeCursor(cursor, { [partition]: key }),
          Limit: limit,
        }),
      );
      return { items: Items.map((item) => dataOf<OrderDelivery>(item)), next: encodeCursor(LastEvaluatedKey) };
    },

    /** R20: where the month's delivery note numbering stands (0 before its first note). */
    noteSequence: (month: string) => monthlySequence(table, 'delivery-note').last(month),

    /**
     * R20: the note under its number, and the month's sequence moved on from `previous` — refused (a conflict, the
     * step reads again) when another note took the number meanwhile: numbers have no gaps and no doubles.
     */
    issued(note: IssuedDeliveryNote, month: string, previous: number): Write[] {
      return [
        monthlySequence(table, 'delivery-note').taken(month, previous),
        putNew(
          table.name,
          { ...deliveryKeys.note(note.number), entity: 'delivery-note', ...note },
          { field: 'number', message: `Delivery note ${note.number} exists already` },
        ),
      ];
    },

    /** The note changed after its issue (signed, void, the shipment added): always the newest state of it. */
    noteSaved: (note: IssuedDeliveryNote): Write => ({
      item: {
        Put: {
          TableName: table.name,
          Item: { ...deliveryKeys.note(note.number), entity: 'delivery-note', ...note },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    }),

    async note(number: string) {
      return await itemOrNotFound<IssuedDeliveryNote>(
        table,
        deliveryKeys.note(number),
        `Delivery note ${number} does not exist.`,
      );
    },

    /** R23: the link e-mailed with the delivery note, stored by its secret's hash only (the secret is in the e-mail). */
    async receiptLinkCreated(hash: string, link: ReceiptLink) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...deliveryKeys.receiptLink(hash), entity: 'receipt-link', ...link },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /**
     * The delivery a receipt link leads to (A66), by the hash of its secret: the link's item and the delivery, read
     * together (one BatchGetItem, consistent) when the link names its delivery; else the link's item, then the
     * delivery. An unknown or expired link, or one of another delivery, is not found.
     */
    async ofReceiptLink(hash: string, now: Date, named?: { orderId: string; delivery: number }) {
      const linkKey = deliveryKeys.receiptLink(hash);
      const [link, delivery] = named
        ? await batchGet(table, [linkKey, deliveryKeys.item(named.orderId, named.delivery)], { consistent: true }).then(
            (items) => [items.find((i) => i.sk === 'LINK'), items.find((i) => i.sk !== 'LINK')] as const,
          )
        : await table.client
            .send(new GetCommand({ TableName: table.name, Key: linkKey, ConsistentRead: true }))
            .then(async ({ Item }) => {
              const key = Item && deliveryKeys.item(Item.orderId as string, Item.delivery as number);
              const found =
                key &&
                (await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true })));
              return [Item, found?.Item] as const;
            });
      const expired = !link || (link.expiresAt as number) < now.getTime() / 1000;
      if (expired || !delivery || link.orderId !== delivery.orderId || link.delivery !== delivery.delivery) {
        throw new NotFound('There is no such receipt link, or it has expired.');
      }
      return dataOf<OrderDelivery>(delivery);
    },

    /** F7: what the customer owes: sales booked (R20) less money received (R9); below 0, it paid ahead. */
    receivable: async (customerId: string) => (await ledgerRepository(table).receivable(customerId)).balance,
  };
}
