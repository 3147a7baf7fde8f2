import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { companyMidnight } from '../domain/company.ts';
import { Conflict } from '../domain/errors.ts';
import { addDays } from '../domain/lead-time.ts';
import { sumAmounts } from '../domain/order-amounts.ts';
import type { TablePort } from '../ports/index.ts';
import type { Invoice } from '../schemas/invoice.ts';
import type { LedgerEntry } from '../schemas/ledger.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { allPages, batchGet, dataOf, type Page } from './items.ts';
import { putNew, type Write } from './write.ts';

/** Key design: see docs/data-model.md ("receivables ledger"): beside the customer's receivable, by when booked. */
export const ledgerKeys = {
  receivable: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'RECEIVABLE' }),
  entry: (entry: Pick<LedgerEntry, 'customerId' | 'at' | 'kind' | 'reference'>) => ({
    pk: `CUSTOMER#${entry.customerId}`,
    sk: `LEDGER#${entry.at}#${entry.kind}#${entry.reference}`,
  }),
  invoice: (invoice: Pick<Invoice, 'customerId' | 'issuedOn' | 'id'>) => ({
    pk: `CUSTOMER#${invoice.customerId}`,
    sk: `INVOICE#${invoice.issuedOn}#${invoice.id}`,
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
        // R39: a payment also adds to what was paid in all, which invoices may not exceed.
        UpdateExpression: `SET entity = :entity ADD balance :amount${entry.kind === 'payment' ? ', paid :paid' : ''}`,
        ExpressionAttributeValues: {
          ':entity': 'receivable',
          ':amount': entry.amount,
          ...(entry.kind === 'payment' ? { ':paid': -entry.amount } : {}),
        },
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

/** The ledger's entries, without the months' closes kept among them (shared/persistence/statements.ts). */
const onlyEntries = { FilterExpression: 'entity = :entry' };
const entryEntity = { ':entry': 'ledger-entry' };

export function ledgerRepository(table: TablePort) {
  return {
    /** What the customer owes now, what it paid in all and what of that was invoiced (R39). */
    async receivable(customerId: string) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: ledgerKeys.receivable(customerId), ConsistentRead: true }),
      );
      return {
        balance: (Item?.balance as number | undefined) ?? 0,
        paid: (Item?.paid as number | undefined) ?? 0,
        invoiced: (Item?.invoiced as number | undefined) ?? 0,
      };
    },

    /**
     * R39: an invoice recorded, its number taken, and what was invoiced moved from what was read: refused (a conflict,
     * read again) when another invoice of the customer came first, so that two never invoice the same money.
     */
    invoiced: (invoice: Invoice, invoicedBefore: number): Write[] => [
      putNew(
        table.name,
        { pk: `INVOICE_NUMBER#${invoice.number}`, sk: 'INVOICE_NUMBER', entity: 'unique', invoiceId: invoice.id },
        { field: 'number', message: `Invoice number ${invoice.number} is recorded already` },
      ),
      {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...ledgerKeys.invoice(invoice), entity: 'invoice', ...invoice },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      },
      {
        item: {
          Update: {
            TableName: table.name,
            Key: ledgerKeys.receivable(invoice.customerId),
            UpdateExpression: 'SET entity = :entity, invoiced = :invoiced',
            ConditionExpression: 'attribute_not_exists(invoiced) OR invoiced = :before',
            ExpressionAttributeValues: {
              ':entity': 'receivable',
              ':invoiced': sumAmounts([invoicedBefore, invoice.amount], invoice.currency),
              ':before': invoicedBefore,
            },
          },
        },
        onConditionFailed: () =>
          new Conflict('Another invoice of this customer was recorded at the same moment; nothing was written.'),
      },
    ],

    /** R39: a customer's invoices, the latest issued first, a page at a time. */
    async invoices(customerId: string, { cursor, limit }: Page) {
      const pk = `CUSTOMER#${customerId}`;
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :invoice)',
          ExpressionAttributeValues: { ':pk': pk, ':invoice': 'INVOICE#' },
          ExclusiveStartKey: decodeCursor(cursor, { pk }),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return { items: Items.map((item) => dataOf<Invoice>(item)), next: encodeCursor(LastEvaluatedKey) };
    },

    /** R39, R40: a customer's invoices issued from one day to another (both included), every page. */
    invoicesIssued: (customerId: string, from: string, to: string) =>
      allPages<Invoice>(table, {
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `CUSTOMER#${customerId}`,
          ':from': `INVOICE#${from}`,
          ':to': `INVOICE#${to}#\uffff`,
        },
      }),

    /** What each of these customers owes (BatchGetItem, 100 keys a call); a customer never booked owes nothing. */
    async balances(customerIds: readonly string[]) {
      const items = await batchGet(table, customerIds.map(ledgerKeys.receivable), { projection: 'pk, balance' });
      return new Map(
        items.map((item) => [String(item.pk).slice('CUSTOMER#'.length), (item.balance as number | undefined) ?? 0]),
      );
    },

    /** Every entry of a customer's ledger, oldest first (the ageing settles the oldest notes first). */
    all: (customerId: string) =>
      allPages<LedgerEntry>(table, {
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
        ...onlyEntries,
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':ledger': 'LEDGER#', ...entryEntity },
      }),

    /**
     * The entries booked from one day to another (the company's days), oldest first, a page at a time (a page may hold
     * fewer than `limit`: other items of the range are read and left out).
     */
    async entries(
      customerId: string,
      { from, to, cursor, limit }: { from?: string; to?: string; cursor?: string; limit: number },
    ) {
      const pk = `CUSTOMER#${customerId}`;
      // The company's day from its midnight to the next one's.
      const midnight = (day: string) => `LEDGER#${companyMidnight(day)}`;
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ...onlyEntries,
          ExpressionAttributeValues: {
            ...entryEntity,
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
