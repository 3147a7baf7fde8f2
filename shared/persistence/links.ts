import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import { batchGet, dataOf } from './items.ts';

type Key = { pk: string; sk: string };

/**
 * Links e-mailed to a customer's people, each standing for one thing they may act on until it expires (a statement
 * to sign back): only the link's hash is stored, under the purpose's own partition prefix (`STATEMENT_LINK#<hash>`)
 * so that a public route is granted those items only.
 */
export function linkStore<Target extends Record<string, string | number>>(table: TablePort, prefix: string) {
  const key = (hash: string): Key => ({ pk: `${prefix}_LINK#${hash}`, sk: 'LINK' });
  const targetOf = (item: Record<string, unknown> | undefined, now: Date): Target => {
    if (!item || (item.expiresAt as number) < now.getTime() / 1000) {
      throw new NotFound('There is no such link, or it has expired.');
    }
    const { expiresAt: _, ...target } = dataOf<Target & { expiresAt: number }>(item);
    return target as unknown as Target;
  };
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
      return targetOf(Item, now);
    },

    /**
     * What a link stands for, and the item of `named` — the key of what the link names beside its secret — read with
     * it in one request (BatchGetItem, consistent); `item` is undefined when there is none. An unknown or expired link
     * is not found; whether the link stands for that item is the caller's to check.
     */
    async targetWith(hash: string, now: Date, named: Key) {
      const items = await batchGet(table, [key(hash), named], { consistent: true });
      const at = ({ pk, sk }: Key) => items.find((item) => item.pk === pk && item.sk === sk);
      return { target: targetOf(at(key(hash)), now), item: at(named) };
    },
  };
}
