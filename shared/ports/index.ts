import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../domain/events.ts';

/** The single table: DynamoDB on AWS, DynamoDB Local offline and in tests. */
export type TablePort = { client: DynamoDBDocumentClient; name: string };

export type MailMessage = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Kind of message, for the configuration set's event tags and the local mailbox. */
  template: string;
};

export type MailPort = { send(message: MailMessage): Promise<{ messageId: string }> };

export type EventPublisherPort = { publish(events: DomainEvent[]): Promise<void> };

export type ClockPort = { now(): Date };

export type IdsPort = { next(): string };

export type Ports = {
  table: TablePort;
  mail: MailPort;
  events: EventPublisherPort;
  clock: ClockPort;
  ids: IdsPort;
};
