import * as z from 'zod';
import { markPublished } from '../../shared/application/outbox.ts';
import { logger, observed } from '../../shared/observability.ts';
import { outbox } from '../../shared/persistence/outbox.ts';
import { port } from '../../shared/runtime.ts';
import { type DomainEvent, parseEvent } from '../../shared/schemas/events.ts';

/** The relay publishes within seconds; an event still listed after this long was missed (relay down, DLQ). */
export const missedAfterMinutes = 5;
/** Events published per run: a few thousand a run is far above what a relay outage leaves behind every 5 minutes. */
const pageSize = 100;
const pagesPerRun = 20;

const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();

/**
 * The outbox sweep (schedule `republish-events`): publishes, oldest first, the events the stream relay has not
 * published minutes after they were recorded — the relay was down longer than the stream keeps records (24 h), or
 * gave a batch up to its DLQ. Delivery stays at least once; every consumer is idempotent. An item that is no domain
 * event is set aside for an operator (docs/operations.md) instead of being tried for ever.
 */
async function sweep(input: unknown) {
  Input.parse(input ?? {});
  const table = outbox(port('table'));
  const before = new Date(port('clock').now().getTime() - missedAfterMinutes * 60_000);
  let republished = 0;
  let setAside = 0;
  for (let page = 0; page < pagesPerRun; page++) {
    const entries = await table.unpublishedBefore(before, pageSize);
    const events: DomainEvent[] = [];
    for (const entry of entries) {
      try {
        events.push(parseEvent(entry.event));
      } catch (error) {
        logger.error('outbox item is not a domain event: set aside', { error: error as Error, key: entry.key.pk });
        await table.unpublishable(entry.key, (error as Error).message);
        setAside++;
      }
    }
    // In the order they happened; a refusal throws before any is marked, so the next run tries them all again.
    await port('events').publish(events);
    await markPublished(events);
    republished += events.length;
    if (entries.length < pageSize) break;
  }
  if (republished + setAside > 0) logger.warn('outbox sweep republished missed events', { republished, setAside });
  return { republished, setAside };
}

export const handler = observed(sweep, () => undefined);
