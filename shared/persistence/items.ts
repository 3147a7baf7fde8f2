import { QueryCommand } from '@aws-sdk/lib-dynamodb';
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

/** One page of a GSI1 collection (customers by code, products by code…), never a scan. */
export async function gsi1Page<T>(table: TablePort, gsi1pk: string, { cursor, limit }: Page) {
  const { Items = [], LastEvaluatedKey } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
      Limit: limit,
    }),
  );
  return { items: Items.map((item) => dataOf<T>(item)), next: encodeCursor(LastEvaluatedKey) };
}
