import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableFromEnvironment } from '../shared/adapters/dynamodb.ts';
import type { TablePort } from '../shared/ports/index.ts';

/**
 * The least a function of this API can be: the DynamoDB client (@aws-sdk/client-dynamodb and lib-dynamodb, the
 * project's own document client settings) and one GetItem, answered as API Gateway expects. The cold start of every
 * function is compared with this one's. The client is made on first use, as the functions' table port is.
 */
let table: TablePort | undefined;

export async function handler(event: { pathParameters?: { id?: string } }) {
  table ??= tableFromEnvironment();
  const key = { pk: `CUSTOMER#${event.pathParameters?.id}`, sk: 'CUSTOMER' };
  const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: key }));
  return Item
    ? { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(Item) }
    : { statusCode: 404, headers: { 'content-type': 'application/problem+json' }, body: '{"status":404}' };
}
