import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TablePort } from '../ports/index.ts';

const keepDays = 7;

/** Records that something happened once; false when it already had (an at-least-once redelivery). */
export async function claimOnce(table: TablePort, pk: string, sk: string, now: Date) {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: { pk, sk, entity: 'once', expiresAt: Math.floor(now.getTime() / 1000) + keepDays * 86400 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
