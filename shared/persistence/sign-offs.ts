import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import type { SignOff } from '../schemas/sign-off.ts';
import { dataOf } from './items.ts';
import type { Write } from './write.ts';

/** Key design: see docs/data-model.md ("Sign-off groups"). */
export const signOffKeys = {
  item: (id: string) => ({ pk: `SIGNOFF#${id}`, sk: 'SIGNOFF' }),
  /** Every group's partition key, as a grant pattern (ItemsGrant). */
  items: 'SIGNOFF#*',
};

/** One group per step of one execution: its reminder and escalation find the signatures already given. */
export const signOffIdFor = (execution: string, step: string) =>
  `sig_${createHash('sha256').update(`${execution}#${step}`).digest('base64url').slice(0, 32)}`;

type Stored = SignOff & { taskToken: string };

export function signOffRepository(table: TablePort) {
  return {
    async find(id: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: signOffKeys.item(id), ConsistentRead: true }),
      );
      return Item ? dataOf<Stored>(Item) : undefined;
    },

    /** The group as it is now, written only if it is still as read (`readVersion`; none: only if new). */
    write(group: Stored, readVersion: number | undefined): Write {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...signOffKeys.item(group.id), entity: 'sign-off', ...group },
            ConditionExpression: readVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :read',
            ...(readVersion === undefined ? {} : { ExpressionAttributeValues: { ':read': readVersion } }),
          },
        },
        onConditionFailed: () => new Conflict('This sign-off was signed by someone else a moment ago.'),
      };
    },
  };
}
