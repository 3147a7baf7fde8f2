import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** An item's own data, without the table's key attributes. */
export function dataOf<T>({
  pk,
  sk,
  entity,
  gsi1pk,
  gsi1sk,
  gsi2pk,
  gsi2sk,
  gsi3pk,
  gsi3sk,
  ...data
}: Record<string, unknown>) {
  return data as T;
}

export type Page = { cursor?: string; limit: number };

/** One item by its key, its data; 404 saying `missing` when there is none. Strongly consistent unless told. */
export async function itemOrNotFound<T>(
  table: TablePort,
  key: Record<string, string>,
  missing: string,
  { consistent = true }: { consistent?: boolean } = {},
) {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.name, Key: key, ...(consistent ? { ConsistentRead: true } : {}) }),
  );
  if (!Item) throw new NotFound(missing);
  return dataOf<T>(Item);
}

/** Every page of a query (a filtered index read of few matches: the open complaints, a complaint's returns). */
export async function allPages<T>(table: TablePort, query: Omit<QueryCommandInput, 'ExclusiveStartKey'>) {
  const found: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await table.client.send(
      new QueryCommand({ ...query, ExclusiveStartKey: start }),
    );
    found.push(...Items.map((item) => dataOf<T>(item)));
    start = LastEvaluatedKey;
  } while (start);
  return found;
}

/**
 * The items of these keys that exist, in no particular order: one BatchGetItem per 100 keys, the keys DynamoDB left
 * unprocessed asked again. `consistent` reads them as strongly consistent reads; `projection` only those attributes.
 */
export async function batchGet(
  table: TablePort,
  keys: readonly Record<string, unknown>[],
  { consistent, projection }: { consistent?: boolean; projection?: string } = {},
) {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let asked: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    while (asked?.length) {
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await table.client.send(
        new BatchGetCommand({
          RequestItems: {
            [table.name]: {
              Keys: asked,
              ...(consistent ? { ConsistentRead: true } : {}),
              ...(projection ? { ProjectionExpression: projection } : {}),
            },
          },
        }),
      );
      found.push(...(Responses?.[table.name] ?? []));
      asked = UnprocessedKeys?.[table.name]?.Keys;
    }
  }
  return found;
}

/** One page of a GSI1 collection (customers by code, products by code…, or newest first), never a scan. */
export async function gsi1Page<T>(
  table: TablePort,
  gsi1pk: string,
  { cursor, limit }: Page,
  order: 'ascending' | 'newest-first' = 'ascending',
) {
  const { Items = [], LastEvaluatedKey } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      ScanIndexForward: order === 'ascending',
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
      Limit: limit,
    }),
  );
  return { items: Items.map((item) => dataOf<T>(item)), next: encodeCursor(LastEvaluatedKey) };
}

/**
 * A register's keys (complaints R29, returns R30): by status on GSI1, by customer on GSI2 (`<prefix><sort>` beside the
 * customer's other items), all on GSI3 — each sorted by when the entry was made.
 */
export type RegisterKeys = {
  byStatus: (status: string) => string;
  byCustomer: (customerId: string) => string;
  all: string;
  prefix: string;
};

export type RegisterQuery = { status?: string; customer?: string; from?: string; cursor?: string; limit: number };

/** A page of a register, newest first: of a customer, in a status, or all; made on or after a day. */
export async function registerPage<T>(
  table: TablePort,
  keys: RegisterKeys,
  { status, customer, from, cursor, limit }: RegisterQuery,
) {
  const [index, key, prefix] = customer
    ? (['gsi2', keys.byCustomer(customer), keys.prefix] as const)
    : status
      ? (['gsi1', keys.byStatus(status), ''] as const)
      : (['gsi3', keys.all, ''] as const);
  const partition = `${index}pk`;
  const sort = `${index}sk`;
  const { Items = [], LastEvaluatedKey } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: index,
      KeyConditionExpression: `${partition} = :pk AND ${sort} BETWEEN :from AND :to`,
      // A customer's register is filtered by status (few items); the other indexes are keyed by it or need none.
      ...(customer && status
        ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
        : {}),
      ExpressionAttributeValues: {
        ':pk': key,
        ':from': `${prefix}${from ?? '0'}`,
        ':to': `${prefix}\uffff`,
        ...(customer && status ? { ':status': status } : {}),
      },
      ExclusiveStartKey: decodeCursor(cursor, { [partition]: key }),
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return { items: Items.map((item) => dataOf<T>(item)), next: encodeCursor(LastEvaluatedKey) };
}

/** A register entry's index keys: its status, its customer, and when it was made (`<at>#<id>`). */
export const registerIndexes = (
  keys: RegisterKeys,
  entry: { id: string; status: string; customerId: string },
  at: string,
) => {
  const sort = `${at}#${entry.id}`;
  return {
    gsi1pk: keys.byStatus(entry.status),
    gsi1sk: sort,
    gsi2pk: keys.byCustomer(entry.customerId),
    gsi2sk: `${keys.prefix}${sort}`,
    gsi3pk: keys.all,
    gsi3sk: sort,
  };
};
