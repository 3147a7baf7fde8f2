import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../domain/errors.ts';
import { nothingReturned, type ReturnedQuantities } from '../domain/returns.ts';
import type { TablePort } from '../ports/index.ts';
import type { IssuedReturnNote, ReturnApplication, ReturnArrival } from '../schemas/return.ts';
import {
  allPages,
  batchGet,
  dataOf,
  gsi1Page,
  itemOrNotFound,
  type Page,
  type RegisterQuery,
  registerIndexes,
  registerPage,
} from './items.ts';
import { monthlyNumber, monthlySequence } from './sequences.ts';
import { putNew, putVersioned, type Write } from './write.ts';

/** Key design: see docs/data-model.md ("Returns"). */
export const returnKeys = {
  item: (id: string) => ({ pk: `RETURN#${id}`, sk: 'RETURN' }),
  byStatus: (status: string) => `RETURNS#${status}`,
  byCustomer: (customerId: string) => `SUBJECT#customer#${customerId}`,
  all: 'RETURNS',
  prefix: 'RETURN#',
  /** R30: what went back of one delivery, beside the delivery in its order's partition. */
  returned: (orderId: string, delivery: number) => ({
    pk: `ORDER#${orderId}`,
    sk: `RETURNED#${String(delivery).padStart(2, '0')}`,
  }),
  note: (number: string) => ({ pk: `RETURN_NOTE#${number}`, sk: 'RETURN_NOTE' }),
  arrival: (id: string) => ({ pk: `RETURN_ARRIVAL#${id}`, sk: 'RETURN_ARRIVAL' }),
  heldArrivals: 'RETURN_ARRIVALS#held',
  announceLink: (hash: string) => ({ pk: `RETURN_LINK#${hash}`, sk: 'LINK' }),
  /** Grants. */
  items: 'RETURN#*',
  notes: 'RETURN_NOTE#*',
  arrivals: 'RETURN_ARRIVAL#*',
  links: 'RETURN_LINK#*',
  /** The orders' partitions, where a return's entries in its order's history go (R15). */
  orderHistories: 'ORDER#*',
};

/** R33: the return number the customer quotes: RA, the month applied, its place in the month (RA2026120001). */
export const returnNumber = (month: string, sequence: number) => monthlyNumber('RA', month, sequence);
/** R36: a return note's number, of its own sequence: RN, the month issued, its place (RN2026120001). */
export const returnNoteNumber = (month: string, sequence: number) => monthlyNumber('RN', month, sequence);

/** R33: what a link e-mailed with the approval stands for: announcing one return's shipment, until it expires. */
export type AnnounceLink = { returnId: string; expiresAt: number };

const returnItem = (application: ReturnApplication) => ({
  ...returnKeys.item(application.id),
  entity: 'return',
  ...registerIndexes(returnKeys, application, application.appliedAt),
  ...application,
});

const returnedItem = (returned: ReturnedQuantities, version: number) => ({
  ...returnKeys.returned(returned.orderId, returned.delivery),
  entity: 'returned-quantities',
  ...returned,
  version,
});

export function returnRepository(table: TablePort) {
  const applications = monthlySequence(table, 'return');
  const notes = monthlySequence(table, 'return-note');
  return {
    lastNumber: (month: string) => applications.last(month),

    /** The application under the month's next number, with the quantities it takes: both refused when raced. */
    applied: (
      application: ReturnApplication,
      returned: ReturnedQuantities,
      month: string,
      previous: number,
    ): Write[] => [
      applications.taken(month, previous),
      putNew(table.name, returnItem(application), {
        field: 'id',
        message: `Return application ${application.id} exists already`,
      }),
      returnedSaved(returned),
    ],

    saved: (application: ReturnApplication, expectedVersion: number): Write =>
      putVersioned(table.name, returnItem(application), expectedVersion, `Return ${application.number}`),

    returnedSaved,

    async get(id: string) {
      return await itemOrNotFound<ReturnApplication>(
        table,
        returnKeys.item(id),
        `Return application ${id} does not exist.`,
      );
    },

    /** What went back of a delivery so far (nothing before its first application). */
    async returned(orderId: string, delivery: number): Promise<ReturnedQuantities> {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: returnKeys.returned(orderId, delivery), ConsistentRead: true }),
      );
      return Item ? dataOf<ReturnedQuantities>(Item) : nothingReturned(orderId, delivery);
    },

    /** The returns naming a complaint (R31), among its customer's (GSI2), every page of them. */
    forComplaint: (customerId: string, complaintId: string) =>
      allPages<ReturnApplication>(table, {
        TableName: table.name,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
        FilterExpression: '#complaint.#id = :complaint',
        ExpressionAttributeNames: { '#complaint': 'complaint', '#id': 'id' },
        ExpressionAttributeValues: {
          ':pk': returnKeys.byCustomer(customerId),
          ':prefix': returnKeys.prefix,
          ':complaint': complaintId,
        },
      }),

    /** The register, newest first: of a customer (GSI2), in a status (GSI1), or all (GSI3); from a day on. */
    list: (query: RegisterQuery) => registerPage<ReturnApplication>(table, returnKeys, query),

    noteSequence: (month: string) => notes.last(month),

    /** R36: the note under its month's next number (no gaps, no doubles). */
    noteIssued: (note: IssuedReturnNote, month: string, previous: number): Write[] => [
      notes.taken(month, previous),
      putNew(
        table.name,
        { ...returnKeys.note(note.number), entity: 'return-note', ...note },
        { field: 'number', message: `Return note ${note.number} exists already` },
      ),
    ],

    noteSaved: (note: IssuedReturnNote): Write => ({
      item: {
        Put: {
          TableName: table.name,
          Item: { ...returnKeys.note(note.number), entity: 'return-note', ...note },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    }),

    async note(number: string) {
      return await itemOrNotFound<IssuedReturnNote>(
        table,
        returnKeys.note(number),
        `Return note ${number} does not exist.`,
      );
    },

    arrivalRecorded: (arrival: ReturnArrival): Write =>
      putNew(
        table.name,
        {
          ...returnKeys.arrival(arrival.id),
          entity: 'return-arrival',
          gsi1pk: returnKeys.heldArrivals,
          gsi1sk: `${arrival.recordedAt}#${arrival.id}`,
          ...arrival,
        },
        { field: 'id', message: `Arrival ${arrival.id} exists already` },
      ),

    heldArrivals: (page: Page) => gsi1Page<ReturnArrival>(table, returnKeys.heldArrivals, page, 'newest-first'),

    async arrival(id: string) {
      return await itemOrNotFound<ReturnArrival>(table, returnKeys.arrival(id), `Arrival ${id} does not exist.`);
    },

    /** R30, R33: the goods settled leave the list of those held, once: a second settlement finds them settled. */
    arrivalSettled: (arrival: ReturnArrival): Write => ({
      item: {
        Put: {
          TableName: table.name,
          Item: { ...returnKeys.arrival(arrival.id), entity: 'return-arrival', ...arrival },
          ConditionExpression: '#status = :held',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':held': 'held' },
        },
      },
      onConditionFailed: () =>
        new Conflict(`The goods of arrival ${arrival.id} were settled meanwhile; read them again.`),
    }),

    async announceLinkCreated(hash: string, link: AnnounceLink) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...returnKeys.announceLink(hash), entity: 'return-link', ...link },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /**
     * The return an announcement link leads to (A76), by the hash of its secret: the link's item and the return, read
     * together (one BatchGetItem, consistent) when the link names its return; else the link's item, then the return.
     * An unknown or expired link, or one of another return, is not found.
     */
    async ofAnnounceLink(hash: string, now: Date, returnId?: string) {
      const [link, application] = returnId
        ? await batchGet(table, [returnKeys.announceLink(hash), returnKeys.item(returnId)], { consistent: true }).then(
            (items) => [items.find((i) => i.sk === 'LINK'), items.find((i) => i.sk === 'RETURN')] as const,
          )
        : await table.client
            .send(new GetCommand({ TableName: table.name, Key: returnKeys.announceLink(hash), ConsistentRead: true }))
            .then(async ({ Item }) => {
              const key = Item && returnKeys.item(Item.returnId as string);
              const found =
                key &&
                (await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true })));
              return [Item, found?.Item] as const;
            });
      if (
        !link ||
        (link.expiresAt as number) < now.getTime() / 1000 ||
        !application ||
        link.returnId !== application.id
      ) {
        throw new NotFound('There is no such link, or it has expired.');
      }
      return dataOf<ReturnApplication>(application);
    },
  };

  function returnedSaved(returned: ReturnedQuantities): Write {
    const item = returnedItem(returned, returned.version + 1);
    return returned.version === 0
      ? putNew(table.name, item, {
          field: 'lines',
          message: 'Another application for these goods came first; try again',
        })
      : putVersioned(table.name, item, returned.version, `The returned quantities of delivery ${returned.delivery}`);
  }
}
