import { logger } from '../http/handler.ts';
import { outbox } from '../persistence/outbox.ts';
import { port } from '../runtime.ts';
import type { DomainEvent } from '../schemas/events.ts';

/**
 * After the bus accepted events: each is taken off the outbox's to-do list. A failure here loses nothing — the
 * event stays listed and the sweep publishes it again later, which consumers take as the redelivery it is — so it
 * is logged, not thrown (throwing would publish the whole batch again now).
 */
export async function markPublished(events: readonly DomainEvent[]) {
  const now = port('clock').now();
  for (const event of events) {
    try {
      await outbox(port('table')).published(event.id, now);
    } catch (error) {
      logger.warn('published, but could not mark it so: the sweep will publish it again', {
        error: error as Error,
        eventId: event.id,
      });
    }
  }
}
