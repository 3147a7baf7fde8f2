import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../domain/errors.ts';
import type { TablePort } from '../ports/index.ts';
import type { Write } from './write.ts';

/**
 * The numbers of a kind of document, counted per calendar month (`YYYY-MM`, the company's): delivery notes (R20),
 * complaints (R29), return notes (R36). A number is taken in the transaction that writes its document, conditional
 * on the count read: two documents never share a number and the sequence has no gaps.
 */
export const sequenceKey = (name: string, month: string) => ({ pk: `SEQUENCE#${name}#${month}`, sk: 'SEQUENCE' });

/** A document's number: its prefix, the month and its place in the month (DN2026120001). */
export const monthlyNumber = (prefix: string, month: string, sequence: number) =>
  `${prefix}${month.replace('-', '')}${String(sequence).padStart(4, '0')}`;

export function monthlySequence(table: TablePort, name: string) {
  return {
    /** Where the month's numbering stands (0 before its first document). */
    async last(month: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: sequenceKey(name, month), ConsistentRead: true }),
      );
      return (Item?.last as number | undefined) ?? 0;
    },

    /** The month's count moved on from `previous`; refused (a conflict: read again) when another took it meanwhile. */
    taken(month: string, previous: number): Write {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...sequenceKey(name, month), entity: 'sequence', name, month, last: previous + 1 },
            ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : '#last = :previous',
            ...(previous === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#last': 'last' },
                  ExpressionAttributeValues: { ':previous': previous },
                }),
          },
        },
        // Read again and numbered afresh by the caller (retryOnConflict); never a 500.
        onConditionFailed: () =>
          new Conflict(
            `Another ${name} took number ${previous + 1} of ${month} at the same moment; nothing was written.`,
          ),
      };
    },
  };
}
