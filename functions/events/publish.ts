import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { markPublished } from '../../shared/application/outbox.ts';
import { logger } from '../../shared/http/handler.ts';
import { port } from '../../shared/runtime.ts';
import { type DomainEvent, parseEvent } from '../../shared/schemas/events.ts';

/**
 * The outbox relay: each new event item becomes one bus event, in stream order. Each is parsed first: only a domain
 * event this code knows reaches the bus. On a failure — an item that does not parse, or the bus refusing it — the
 * rest of the batch is reported back, so Lambda retries from that record and, when the retries are spent, parks its
 * position in the DLQ and goes on (docs/decisions/domain-events-one-parsed-union.md). What the relay does not publish
 * stays on the outbox's to-do list, and the sweep (sweep.ts) publishes it.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const events = port('events');
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== 'event') continue;
    let domainEvent: DomainEvent;
    try {
      domainEvent = parseEvent(item.event);
    } catch (error) {
      logger.error('outbox item is not a domain event', { error: error as Error, key: item.pk });
      return failedFrom(record);
    }
    try {
      await events.publish([domainEvent]);
    } catch (error) {
      logger.error('could not publish event', { error: error as Error, eventId: domainEvent.id });
      return failedFrom(record);
    }
    await markPublished([domainEvent]);
  }
  return { batchItemFailures: [] };
}

const failedFrom = (record: DynamoDBRecord): DynamoDBBatchResponse => ({
  batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }],
});
