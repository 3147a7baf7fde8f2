import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { currentCorrelationId } from '../correlation.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import type { Write } from './write.ts';

/**
 * The outbox (docs/decisions/outbox-through-the-table-stream.md): each domain event is an item written with the
 * change it records. It stays — with no TTL — on a sparse to-do list of GSI1 until it is published, by the stream
 * relay or, when the relay missed it, by the sweep; only then does it get its TTL. An item that does not parse as a
 * domain event moves to a list of its own for an operator, and is kept.
 */
export const outboxKeys = {
  item: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
  unpublished: 'OUTBOX#unpublished',
  unpublishable: 'OUTBOX#unpublishable',
  /** Their partition keys, as a grant pattern (ItemsGrant). */
  events: 'EVENT#*',
};

/** How long a published event stays readable (an operator replaying an incident): then TTL removes it. */
const keepPublishedDays = 7;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** An event as the outbox keeps it, with the correlation id of the work that records it unless it carries one. */
export function outboxItem(event: DomainEvent): Write {
  const correlationId = event.correlationId ?? currentCorrelationId();
  return {
    item: {
      Put: {
        TableName: '',
        Item: {
          ...outboxKeys.item(event.id),
          entity: 'event',
          event: correlationId ? { ...event, correlationId } : event,
          gsi1pk: outboxKeys.unpublished,
          gsi1sk: `${event.occurredAt}#${event.id}`,
        },
      },
    },
  };
}

export type OutboxEntry = { key: { pk: string; sk: string }; event: unknown; listedAt: string };

export function outbox(table: TablePort) {
  return {
    /** The event is on the bus: off the to-do list, and it may now expire. A deleted item is not brought back. */
    async published(eventId: string, now: Date) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: outboxKeys.item(eventId),
          UpdateExpression: 'SET publishedAt = :at, expiresAt = :expires REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':at': now.toISOString(),
            ':expires': seconds(now) + keepPublishedDays * 86400,
          },
        }),
      );
    },

    /** An item that is no domain event this code knows: kept, off the to-do list, on the list an operator reads. */
    async unpublishable(key: { pk: string; sk: string }, problem: string) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression: 'SET gsi1pk = :list, problem = :problem',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':list': outboxKeys.unpublishable, ':problem': problem.slice(0, 2000) },
        }),
      );
    },

    /** The oldest events not published yet that were recorded before `before`, in the order they happened. */
    async unpublishedBefore(before: Date, limit: number): Promise<OutboxEntry[]> {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :list AND gsi1sk < :before',
          ExpressionAttributeValues: { ':list': outboxKeys.unpublished, ':before': before.toISOString() },
          Limit: limit,
        }),
      );
      return Items.map((item) => ({
        key: { pk: item.pk as string, sk: item.sk as string },
        event: item.event,
        listedAt: item.gsi1sk as string,
      }));
    },
  };
}
