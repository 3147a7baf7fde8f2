import type { TablePort } from '../ports/index.ts';
import type { Complaint } from '../schemas/complaint.ts';
import { allPages, itemOrNotFound, type RegisterQuery, registerIndexes, registerPage } from './items.ts';
import { monthlyNumber, monthlySequence } from './sequences.ts';
import { putNew, putVersioned, type Write } from './write.ts';

/** Key design: see docs/data-model.md ("complaint"). */
export const complaintKeys = {
  item: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  byStatus: (status: string) => `COMPLAINTS#${status}`,
  byCustomer: (customerId: string) => `SUBJECT#customer#${customerId}`,
  all: 'COMPLAINTS',
  prefix: 'COMPLAINT#',
  items: 'COMPLAINT#*',
  /** Grants: the complaints' monthly number sequences (R29). */
  numbers: 'SEQUENCE#complaint#*',
};

/** R29: a complaint's number: CP, the month registered, its place in the month (CP2026120001). */
export const complaintNumber = (month: string, sequence: number) => monthlyNumber('CP', month, sequence);

const complaintItem = (complaint: Complaint) => ({
  ...complaintKeys.item(complaint.id),
  entity: 'complaint',
  ...registerIndexes(complaintKeys, complaint, complaint.registeredAt),
  ...complaint,
});

export function complaintRepository(table: TablePort) {
  const sequence = monthlySequence(table, 'complaint');
  return {
    /** R29: where the month's complaint numbering stands. */
    lastNumber: (month: string) => sequence.last(month),

    /** The complaint under the month's next number: refused (read again) when another took the number meanwhile. */
    registered: (complaint: Complaint, month: string, previous: number): Write[] => [
      sequence.taken(month, previous),
      putNew(table.name, complaintItem(complaint), {
        field: 'id',
        message: `Complaint ${complaint.id} exists already`,
      }),
    ],

    /** A complaint moved on, if nobody moved it since it was read. */
    saved: (complaint: Complaint, expectedVersion: number): Write =>
      putVersioned(table.name, complaintItem(complaint), expectedVersion, `Complaint ${complaint.number}`),

    async get(id: string) {
      return await itemOrNotFound<Complaint>(table, complaintKeys.item(id), `Complaint ${id} does not exist.`);
    },

    /**
     * R29: the complaints of a status whose reply was due before `today`, every page of them (GSI1; the due date as
     * a filter: open complaints are few).
     */
    dueBefore: (status: Complaint['status'], today: string) =>
      allPages<Complaint>(table, {
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: 'dueOn < :today',
        ExpressionAttributeValues: { ':pk': complaintKeys.byStatus(status), ':today': today },
      }),

    /** The register, newest first: of a customer (GSI2), in a status (GSI1), or all (GSI3); from a day on. */
    list: (query: RegisterQuery) => registerPage<Complaint>(table, complaintKeys, query),
  };
}
