/**
 * Domain events. They are written to the table in the same transaction as the change they describe
 * (the outbox); the table's stream carries them to the event bus, so a change and its event never drift apart.
 */
import type { FieldChange } from '../schemas/common.ts';
import { type DomainEvent, type DomainEventType, type EventOf, parseEvent } from '../schemas/events.ts';

export { eventSource } from './event-source.ts';

/** Every event is one of the union in shared/schemas/events.ts; its type is inferred from its schema. */
export type { DomainEvent, DomainEventType, EventOf, FieldChange };

/** Who acts, when, and where new ids come from: what every domain function that records something needs. */
export type EventContext = { now: string; actor: string; newId: () => string };

/**
 * A new event of `type`, with the data that type carries — and only that: the event is parsed against its schema,
 * which keeps what it declares and drops the rest, so a whole order handed in travels as its summary (events stay
 * far below the bus's size limit; docs/architecture.md, "Limits"). A value that does not parse fails here, at the
 * write, rather than at the relay.
 */
export function domainEvent<T extends DomainEventType>(
  type: T,
  subject: DomainEvent['subject'],
  data: EventOf<T>['data'],
  { now, actor, newId }: EventContext,
): EventOf<T> {
  // The one place TypeScript cannot follow (a generic `type` to its union member); its parameters take only what
  // that member allows, and the parse checks the rest.
  return parseEvent({ id: newId(), type, occurredAt: now, actor, subject, data }) as EventOf<T>;
}

/** Whether an event is of the given type (narrows it, e.g. for a workflow named by its starting event). */
export const isEventOf = <T extends DomainEventType>(event: DomainEvent, type: T): event is EventOf<T> =>
  event.type === type;

/** Whether two JSON values are the same, whatever the order of their keys (items read back from the table). */
export function sameValue(a: unknown, b: unknown) {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortedKeys(item)]),
  );
}

/** What an edit really changes (R15: before and after of each field); nothing when every value is the same. */
export function fieldChanges<T extends object>(current: T, changes: Partial<T>): FieldChange[] {
  return Object.entries(changes).flatMap(([field, after]) => {
    const before = (current as Record<string, unknown>)[field];
    return after === undefined || sameValue(before, after) ? [] : [{ field, before, after }];
  });
}

/** The edited entity: the changed fields applied, the version moved on, who and when recorded. */
export function edited<T extends { version: number }>(
  current: T,
  changes: FieldChange[],
  now: string,
  actor: string,
): T {
  const next = { ...current, version: current.version + 1, updatedAt: now, updatedBy: actor };
  for (const { field, after } of changes) Object.assign(next, { [field]: after });
  return next;
}
