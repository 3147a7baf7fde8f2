import type { TablePort } from '../ports/index.ts';
import type { Quotation } from '../schemas/quotation.ts';
import { allPages, itemOrNotFound, type RegisterQuery, registerIndexes, registerPage } from './items.ts';
import { monthlyNumber, monthlySequence } from './sequences.ts';
import { putNew, putVersioned, type Write } from './write.ts';

/** Key design: see docs/data-model.md ("quotation"). */
export const quotationKeys = {
  item: (id: string) => ({ pk: `QUOTATION#${id}`, sk: 'QUOTATION' }),
  byStatus: (status: string) => `QUOTATIONS#${status}`,
  byCustomer: (customerId: string) => `SUBJECT#customer#${customerId}`,
  all: 'QUOTATIONS',
  prefix: 'QUOTATION#',
};

/** R37: a quotation's number: QT, the month asked, its place in the month (QT2026120001). */
export const quotationNumber = (month: string, sequence: number) => monthlyNumber('QT', month, sequence);

const quotationItem = (quotation: Quotation) => ({
  ...quotationKeys.item(quotation.id),
  entity: 'quotation',
  ...registerIndexes(quotationKeys, quotation, quotation.requestedAt),
  ...quotation,
});

export function quotationRepository(table: TablePort) {
  const numbers = monthlySequence(table, 'quotation');
  return {
    lastNumber: (month: string) => numbers.last(month),

    /** The quotation under the month's next number; refused (read again) when another took the number meanwhile. */
    requested: (quotation: Quotation, month: string, previous: number): Write[] => [
      numbers.taken(month, previous),
      putNew(table.name, quotationItem(quotation), {
        field: 'id',
        message: `Quotation ${quotation.id} exists already`,
      }),
    ],

    saved: (quotation: Quotation, expectedVersion: number): Write =>
      putVersioned(table.name, quotationItem(quotation), expectedVersion, `Quotation ${quotation.number}`),

    async get(id: string) {
      return await itemOrNotFound<Quotation>(table, quotationKeys.item(id), `Quotation ${id} does not exist.`);
    },

    /** The register, newest first: of a customer (GSI2), in a status (GSI1), or all (GSI3); asked from a day on. */
    list: (query: RegisterQuery) => registerPage<Quotation>(table, quotationKeys, query),

    /** R37: a customer's approved quotations (its index, filtered: few per customer), for the review of its orders. */
    approvedFor: (customerId: string) =>
      allPages<Quotation>(table, {
        TableName: table.name,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
        FilterExpression: '#status = :approved',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': quotationKeys.byCustomer(customerId),
          ':prefix': quotationKeys.prefix,
          ':approved': 'approved',
        },
      }),
  };
}
