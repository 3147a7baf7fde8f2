import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../domain/events.ts';

/** The single table: DynamoDB on AWS, DynamoDB Local offline and in tests. */
export type TablePort = { client: DynamoDBDocumentClient; name: string };

/** A file sent with an e-mail (R22: the delivery note's PDF), rendered by the worker that sends it. */
export type MailAttachment = { filename: string; contentType: string; content: Uint8Array };

/**
 * An image the HTML shows in its text by `<img src="cid:<contentId>">` (R41: a report's chart), sent beside the HTML
 * in a multipart/related. `contentId` is the Content-ID without its angle brackets, e.g. `chart-1@order-follow-up`.
 */
export type MailInlineImage = MailAttachment & { contentId: string };

export type MailMessage = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Never carried in an event or a workflow's state (their budgets): the sender renders them (docs/architecture.md). */
  attachments?: MailAttachment[];
  /** The images the HTML references by `cid:`; the same budgets as the attachments. */
  inline?: MailInlineImage[];
  /** Kind of message, for the configuration set's event tags and the local mailbox. */
  template: string;
  /**
   * The work it belongs to (shared/correlation.ts): the `X-Correlation-Id` header and the SES tag `correlation`.
   * Unset, the adapters take the correlation id of the invocation sending it.
   */
  correlationId?: string;
};

export type MailPort = { send(message: MailMessage): Promise<{ messageId: string }> };

export type EventPublisherPort = { publish(events: DomainEvent[]): Promise<void> };

export type ClockPort = { now(): Date };

/**
 * Step Functions: StartExecution, StopExecution and the callback API. Errors keep AWS's names: a task that is no
 * longer waiting raises `TaskTimedOut`, an unknown or malformed token `InvalidToken`, a token whose task never
 * existed `TaskDoesNotExist`; starting a name already used with the same input returns that execution.
 */
/** The SendTask* errors meaning the waiting task is gone (timed out, completed, its execution ended). */
export const taskGoneErrors: ReadonlySet<string> = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

export type WorkflowPort = {
  start(stateMachine: string, input: unknown, name: string): Promise<{ executionArn: string }>;
  /**
   * Stops the execution of `stateMachine` named `name` (the name `start` was given): it ends `ABORTED` with the
   * error `Stopped` and this cause, and its waiting tasks' tokens then raise `TaskTimedOut`. Stopping an execution
   * that does not exist or has already ended (stopped, succeeded, failed, timed out) is a no-op, not an error.
   */
  stopExecution(stateMachine: string, name: string, cause: string): Promise<void>;
  sendTaskSuccess(token: string, output: unknown): Promise<void>;
  sendTaskFailure(token: string, error: string, cause: string): Promise<void>;
  sendTaskHeartbeat(token: string): Promise<void>;
};

export type IdsPort = { next(): string };

/** A full export of the table to the archive (R42), as it was at one instant. */
export type TableExport = { exportArn: string; status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'; prefix: string };

/**
 * The archive: on AWS DynamoDB's ExportTableToPointInTime into the archive bucket (DynamoDB JSON, gzip'd, with its
 * manifests); offline the same layout in a directory. The same `token` starts one export (on AWS within 8 hours).
 */
export type ArchivePort = {
  exportTable(request: { at: Date; prefix: string; token: string }): Promise<TableExport>;
};

/**
 * Deployment settings by environment variable: on AWS the function's environment, which infra/ fills with only
 * the settings the function declares; offline the same, per function (undeclared: undefined).
 */
export type SettingsPort = { get(variable: string): string | undefined };

export type Ports = {
  table: TablePort;
  mail: MailPort;
  events: EventPublisherPort;
  clock: ClockPort;
  ids: IdsPort;
  workflows: WorkflowPort;
  settings: SettingsPort;
  archive: ArchivePort;
};
