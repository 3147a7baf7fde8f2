import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import { dataOf } from './items.ts';

/**
 * Links e-mailed to a customer's people, each standing for one thing they may act on until it expires (a statement
 * to sign back): only the link's hash is stored, under the purpose's own partition prefix (`STATEMENT_LINK#<hash>`)
 * so that a public route is granted those items only.
 */
export function linkStore<Target extends Record<string, string | number>>(table: TablePort, prefix: string) {
  const key = (hash: string) => ({ pk: `${prefix}_LINK#${hash}`, sk: 'LINK' });
  return {
    /** The grant pattern of every link of the purpose. */
    grant: `${prefix}_LINK#*`,

    async created(hash: string, target: Target, expiresAt: number) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...key(hash), entity: `${prefix.toLowerCase()}-link`, ...target, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /** What a link stands for; an unknown or expired link is not found. */
    async target(hash: string, now: Date): Promise<Target> {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: key(hash), ConsistentRead: true }),
      );
      if (!Item || (Item.expiresAt as number) < now.getTime() / 1000) {
        throw new NotFound('There is no such link, or it has expired.');
      }
      const { expiresAt: _, ...target } = dataOf<Target & { expiresAt: number }>(Item);
      return target as unknown as Target;
    },
  };
}
