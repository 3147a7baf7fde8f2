import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { logger } from '../../shared/http/handler.ts';
import { port } from '../../shared/runtime.ts';

/**
 * The outbox relay: each new event item becomes one bus event, in stream order. On a failure the rest of the
 * batch is reported back, so Lambda retries from that record (and finally parks it in the DLQ).
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const events = port('events');
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== 'event') continue;
    try {
      await events.publish([item.event as DomainEvent]);
    } catch (error) {
      logger.error('could not publish event', { error: error as Error, eventId: item.event?.id });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
