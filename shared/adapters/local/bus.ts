import { existsSync, readFileSync } from 'node:fs';
import { eventSource } from '../../domain/event-source.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { EventPublisherPort } from '../../ports/index.ts';
import { replaceFile } from './files.ts';

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

/** The envelope EventBridge wraps around an event the app publishes. */
export const busEnvelope = (event: DomainEvent): BusEnvelope => ({
  version: '0',
  id: event.id,
  'detail-type': event.type,
  source: eventSource,
  account: '000000000000',
  time: event.occurredAt,
  region: 'local',
  resources: [],
  detail: event,
});

/** What an AWS service puts on the default bus (SES's e-mail events): the same envelope around its own detail. */
export type ServiceEnvelope = Omit<BusEnvelope, 'detail'> & { detail: unknown };

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

/** A delivery EventBridge has accepted and not yet made: the rule and the envelope. */
type Delivery = { rule: string; envelope: BusEnvelope };

/**
 * The event bus in-process: the same rules as on AWS, each target called with EventBridge's envelope. Like
 * EventBridge, delivery is asynchronous and retried; a target that keeps failing is reported, not lost silently.
 * With a `journalFile`, an accepted event is durable as it is on EventBridge: each delivery is written down before
 * `publish` returns and struck off once made (or given up), and `resume()` makes the deliveries a crash left over.
 */
export function localEventBus(
  rules: LocalRule[],
  onFailure: (rule: string, error: unknown) => void,
  journalFile?: string,
) {
  const inFlight = new Set<Promise<void>>();
  let published = 0;
  const journal = new Map<string, Delivery>(
    journalFile && existsSync(journalFile)
      ? (JSON.parse(readFileSync(journalFile, 'utf8')) as Delivery[]).map((d) => [keyOf(d), d])
      : [],
  );
  const save = () => journalFile && replaceFile(journalFile, JSON.stringify([...journal.values()]));
  const attempt = async (rule: LocalRule, envelope: BusEnvelope) => {
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
  const deliver = (rule: LocalRule, delivery: Delivery) => {
    const made = attempt(rule, delivery.envelope).finally(() => {
      inFlight.delete(made);
      journal.delete(keyOf(delivery));
      save();
    });
    inFlight.add(made);
  };
  const accept = (envelopes: BusEnvelope[]) => {
    const accepted: [LocalRule, Delivery][] = [];
    for (const envelope of envelopes) {
      for (const rule of rules.filter((r) => matches(r.pattern, envelope))) {
        const delivery = { rule: rule.name, envelope };
        // The same event published again while its delivery is still due (a redelivered stream record): once.
        if (journal.has(keyOf(delivery))) continue;
        journal.set(keyOf(delivery), delivery);
        accepted.push([rule, delivery]);
      }
    }
    save();
    for (const [rule, delivery] of accepted) deliver(rule, delivery);
  };
  const publisher: EventPublisherPort = {
    async publish(events) {
      published += events.length;
      accept(events.map(busEnvelope));
    },
  };
  return {
    publisher,
    /**
     * Events as an AWS service puts them on the default bus (one local bus stands for both): matched against the
     * same rules, a rule for the app's events never matching them (their source differs).
     */
    put(envelopes: ServiceEnvelope[]) {
      // Targets of such rules parse their detail themselves (functions/approvals/mail-feedback.ts).
      accept(envelopes as BusEnvelope[]);
    },
    /** Makes the deliveries accepted before a restart and not made (call it once the targets can run). */
    resume() {
      for (const delivery of [...journal.values()]) {
        const rule = rules.find((r) => r.name === delivery.rule);
        if (rule) deliver(rule, delivery);
        else {
          journal.delete(keyOf(delivery));
          onFailure(delivery.rule, new Error('the rule no longer exists'));
        }
      }
      save();
    },
    /** The app's events put on the bus so far: what EventBridge bills (AWS services' own events are free). */
    published: () => published,
    /** Resolves when every delivery under way has finished (tests and shutdown). */
    async drain() {
      while (inFlight.size) await Promise.all(inFlight);
    },
  };
}

const keyOf = ({ rule, envelope }: Delivery) => `${rule} ${envelope.id}`;
