import { type DomainEvent, eventSource } from '../../domain/events.ts';
import type { EventPublisherPort } from '../../ports/index.ts';

export type EventPattern = Record<string, unknown>;

export type LocalRule = { name: string; pattern: EventPattern; target: (envelope: BusEnvelope) => Promise<unknown> };

/** The envelope EventBridge delivers to a rule's target. */
export type BusEnvelope = {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: DomainEvent;
};

/**
 * EventBridge pattern matching for the forms our rules use: a field matches when its value is one of the listed
 * values, `{ prefix }` or `{ exists }`; nested objects match field by field.
 */
export function matches(pattern: EventPattern, value: unknown): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const actual = (value as Record<string, unknown> | undefined)?.[field];
    if (Array.isArray(expected)) {
      return expected.some((option) => {
        if (option !== null && typeof option === 'object') {
          if ('prefix' in option) return typeof actual === 'string' && actual.startsWith(String(option.prefix));
          if ('exists' in option) return (actual !== undefined) === Boolean(option.exists);
          return false;
        }
        return Array.isArray(actual) ? actual.includes(option) : actual === option;
      });
    }
    return typeof expected === 'object' && expected !== null && matches(expected as EventPattern, actual);
  });
}

/**
 * The event bus in-process: the same rules as on AWS, each target called with EventBridge's envelope. Like
 * EventBridge, delivery is asynchronous and retried; a target that keeps failing is reported, not lost silently.
 */
export function localEventBus(rules: LocalRule[], onFailure: (rule: string, error: unknown) => void) {
  const inFlight = new Set<Promise<void>>();
  const deliver = async (rule: LocalRule, envelope: BusEnvelope) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await rule.target(envelope);
        return;
      } catch (error) {
        if (attempt === 3) return onFailure(rule.name, error);
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  };
  const publisher: EventPublisherPort = {
    async publish(events) {
      for (const event of events) {
        const envelope: BusEnvelope = {
          version: '0',
          id: event.id,
          'detail-type': event.type,
          source: eventSource,
          account: '000000000000',
          time: event.occurredAt,
          region: 'local',
          resources: [],
          detail: event,
        };
        for (const rule of rules.filter((r) => matches(r.pattern, envelope))) {
          const delivery = deliver(rule, envelope).finally(() => inFlight.delete(delivery));
          inFlight.add(delivery);
        }
      }
    },
  };
  return {
    publisher,
    /** Resolves when every delivery under way has finished (tests and shutdown). */
    async drain() {
      while (inFlight.size) await Promise.all(inFlight);
    },
  };
}
