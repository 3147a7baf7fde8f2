import { eventSource } from '../shared/domain/events.ts';
import type { Grant } from '../shared/http/route.ts';

export type EventPattern = { source: string[]; 'detail-type': string[] };

export type WorkerDefinition = {
  name: string;
  description: string;
  handler: string;
  grants: readonly Grant[];
  /** Invoked by the table's stream, for the records matching the filter (the outbox's events). */
  tableStream?: { eventName: string[]; entity: string[] };
  /** Invoked by the event bus, one rule per entry. */
  rules?: { name: string; description: string; pattern: EventPattern }[];
};

const on = (...types: string[]): EventPattern => ({ source: [eventSource], 'detail-type': types });

/**
 * The functions that no HTTP route calls, with their triggers: read by infra/ (event source mapping, rules,
 * DLQs) and by the offline stack (stream poller, local bus), so that both wire the same things.
 */
export const workers: readonly WorkerDefinition[] = [
  {
    name: 'publish-events',
    description: 'Carries domain events from the table stream (the outbox) to the event bus',
    handler: 'functions/events/publish.ts',
    grants: ['events:put'],
    tableStream: { eventName: ['INSERT'], entity: ['event'] },
  },
  {
    name: 'notify',
    description: 'Sends the e-mails that domain events call for',
    handler: 'functions/notifications/notify.ts',
    grants: ['table:write', 'mail:send'],
    rules: [
      {
        name: 'customer-created',
        description: 'Tell the merchandiser about a new customer',
        pattern: on('CustomerCreated'),
      },
    ],
  },
];
