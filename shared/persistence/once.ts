import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TablePort } from '../ports/index.ts';
import type { Write } from './write.ts';

const keepDays = 7;

const claimItem = (pk: string, sk: string, now: Date) => ({
  pk,
  sk,
  entity: 'once',
  expiresAt: Math.floor(now.getTime() / 1000) + keepDays * 86400,
});

/** The rest of a transaction happens once only: the claim fails it when it had already happened. */
export class AlreadyDone extends Error {}

export const claimOnceWrite = (pk: string, sk: string, now: Date): Write => ({
  item: { Put: { TableName: '', Item: claimItem(pk, sk, now), ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => new AlreadyDone(),
});

/** Records that something happened once; false when it already had (an at-least-once redelivery). */
export async function claimOnce(table: TablePort, pk: string, sk: string, now: Date) {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: claimItem(pk, sk, now),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
