import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { markPublished } from '../../shared/application/outbox.ts';
import { businessMetricOf, countBusiness } from '../../shared/metrics.ts';
import { logger, observed } from '../../shared/observability.ts';
import { port } from '../../shared/runtime.ts';
import { type DomainEvent, parseEvent } from '../../shared/schemas/events.ts';

/** One stream record: a new event item becomes one bus event, parsed first (only a known domain event goes out). */
async function relay(record: DynamoDBRecord) {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.entity !== 'event') return;
  let domainEvent: DomainEvent;
  try {
    domainEvent = parseEvent(item.event);
  } catch (error) {
    logger.error('outbox item is not a domain event', { error: error as Error, key: item.pk });
    throw error;
  }
  // Each record is its own piece of work: its lines carry its event's correlation id.
  logger.setCorrelationId(domainEvent.correlationId ?? domainEvent.id);
  try {
    await port('events').publish([domainEvent]);
  } catch (error) {
    logger.error('could not publish event', { error: error as Error, eventId: domainEvent.id });
    throw error;
  }
  // Off the outbox's to-do list: the sweep (sweep.ts) publishes only what the relay missed.
  await markPublished([domainEvent]);
  const metric = businessMetricOf(domainEvent);
  if (metric) countBusiness(metric);
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * The outbox relay: each record of the batch, one after the other, in stream order, through Powertools' batch
 * processor, which reports the records that failed (an item that does not parse, or the bus refusing it) by sequence
 * number. Lambda retries from the first of them and, when the retries are spent, parks its position in the DLQ and
 * goes on (docs/decisions/domain-events-one-parsed-union.md). The records after a failure are relayed all the same
 * and again on the retry: delivery is at least once, and every consumer is idempotent. A batch that fails whole is
 * answered, not thrown: the same retry from its first record, without an error of Powertools' own in the logs.
 */
export const handler = observed(
  (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
    processPartialResponse(event, relay, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    }),
  () => undefined,
);
