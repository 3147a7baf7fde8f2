/**
 * Domain events. They are written to the table in the same transaction as the change they describe
 * (the outbox); the table's stream carries them to the event bus, so a change and its event never drift apart.
 */
export const eventSource = 'order-follow-up';

export type DomainEvent<T extends string = string, D = unknown> = {
  id: string;
  type: T;
  occurredAt: string;
  actor: string;
  subject: { kind: string; id: string };
  data: D;
};

export type FieldChange = { field: string; before: unknown; after: unknown };
