import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { eventSource } from '../../domain/event-source.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { EventPublisherPort } from '../../ports/index.ts';
import { awsClientOptions } from './clients.ts';

/** The same envelope the local bus builds: source, detail-type = event type, detail = the event. */
export function toEntry(event: DomainEvent, busName: string) {
  return { EventBusName: busName, Source: eventSource, DetailType: event.type, Detail: JSON.stringify(event) };
}

export function eventBridgePublisher(busName: string): EventPublisherPort {
  let client: EventBridgeClient | undefined;
  return {
    async publish(events) {
      // The outbox sweep finds nothing to publish on most runs: it loads no client for that.
      if (events.length === 0) return;
      // Loaded on first use, so that handlers which never publish don't pay for it at cold start.
      const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
      client ??= new EventBridgeClient(awsClientOptions('eventbridge'));
      for (let i = 0; i < events.length; i += 10) {
        const batch = events.slice(i, i + 10);
        const result = await client.send(new PutEventsCommand({ Entries: batch.map((e) => toEntry(e, busName)) }));
        // A partial failure fails the stream batch, so that Lambda retries it and finally parks it in the DLQ.
        if (result.FailedEntryCount) {
          throw new Error(`EventBridge rejected ${result.FailedEntryCount} of ${batch.length} events`);
        }
      }
    },
  };
}
