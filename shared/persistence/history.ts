import type { DomainEvent } from '../domain/events.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import type { Write } from './write.ts';

/** A subject's partition (`ORDER#…`, `CUSTOMER#…`) holds its history entries after its own item. */
export const historyKey = (subject: { kind: string; id: string }, at: string, eventId: string) => ({
  pk: `${subject.kind.toUpperCase()}#${subject.id}`,
  sk: `HISTORY#${at}#${eventId}`,
});

/**
 * The partitions holding a history, as grant patterns (ItemsGrant): the kinds of subject a workflow (and so an
 * approval or a sign-off) is about.
 */
export const historyPartitions = ['ORDER#*', 'CUSTOMER#*'];

/** One entry of a subject's history (R15), written with the change or the event it records. */
export const subjectHistoryWrite = (
  tableName: string,
  subject: { kind: string; id: string },
  history: HistoryEntry,
  eventId: string,
): Write => ({
  item: {
    Put: {
      TableName: tableName,
      Item: { ...historyKey(subject, history.at, eventId), entity: `${subject.kind}-history`, ...history },
    },
  },
});

/** An event that is news in itself (a failure, a refusal of the mail service): its entry in its subject's history. */
export const eventHistoryWrite = (tableName: string, event: DomainEvent, action: string, note: string): Write =>
  subjectHistoryWrite(tableName, event.subject, { at: event.occurredAt, actor: event.actor, action, note }, event.id);
