import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { companyTimeZone } from '../domain/company.ts';
import { addDays, instantAt } from '../domain/lead-time.ts';
import type { TablePort } from '../ports/index.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { dataOf } from './items.ts';
import type { Write } from './write.ts';

/** Key design: see docs/data-model.md ("receivables ledger"): beside the customer's receivable, by when booked. */
export const ledgerKeys = {
  receivable: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'RECEIVABLE' }),
  entry: (entry: Pick<LedgerEntry, 'customerId' | 'at' | 'kind' | 'reference'>) => ({
    pk: `CUSTOMER#${entry.customerId}`,
    sk: `LEDGER#${entry.at}#${entry.kind}#${entry.reference}`,
  }),
};

/**
 * F7: an entry booked on the customer's ledger, and its receivable moved by the same amount (a sale: +, money
 * received or credited: −), in the caller's write: the balance is always the sum of the entries.
 */
export const booked = (tableName: string, entry: LedgerEntry): Write[] => [
  {
    item: {
      Update: {
        TableName: tableName,
        Key: ledgerKeys.receivable(entry.customerId),
        UpdateExpression: 'SET entity = :entity ADD balance :amount',
        ExpressionAttributeValues: { ':entity': 'receivable', ':amount': entry.amount },
      },
    },
  },
  {
    item: {
      Put: {
        TableName: tableName,
        Item: { ...ledgerKeys.entry(entry), entity: 'ledger-entry', ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  },
];

export function ledgerRepository(table: TablePort) {
  return {
    /** The entries booked from one day to another (the company's days), oldest first, a page at a time. */
    async entries(
      customerId: string,
      { from, to, cursor, limit }: { from?: string; to?: string; cursor?: string; limit: number },
    ) {
      const pk = `CUSTOMER#${customerId}`;
      // The company's day from its midnight to the next one's.
      const midnight = (day: string) => `LEDGER#${instantAt(day, 0, companyTimeZone).toISOString()}`;
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': from ? midnight(from) : 'LEDGER#',
            ':to': to ? midnight(addDays(to, 1)) : 'LEDGER#\uffff',
          },
          ExclusiveStartKey: decodeCursor(cursor, { pk }),
          Limit: limit,
        }),
      );
      return { entries: Items.map((item) => dataOf<LedgerEntry>(item)), next: encodeCursor(LastEvaluatedKey) };
    },
  };
}
