import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { currentCorrelationId } from '../correlation.ts';
import { Conflict, UnprocessableRequest } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** One item of a write, with the error to raise when its condition fails. */
export type Write = { item: TransactItem; onConditionFailed?: () => Error };

/** The HTTP response of the first attempt, kept for its retries. */
export type StoredResponse = { status: number; body?: unknown; headers?: Record<string, string> };

/** A retry of a request already done: the handler answers with the first response. */
export class IdempotentReplay extends Error {
  readonly response: StoredResponse;
  constructor(response: StoredResponse) {
    super('idempotent replay');
    this.response = response;
  }
}

export type Idempotency = { scope: string; key: string; request: unknown; response: StoredResponse };

const day = 24 * 60 * 60;
const outboxDays = 1;
const idempotencyDays = 1;

/** The outbox's partition keys, as a grant pattern (ItemsGrant). */
export const outboxKeys = { events: 'EVENT#*' };

/**
 * An event as the outbox keeps it, with the correlation id of the work that records it (shared/correlation.ts)
 * unless it carries one already.
 */
export function outboxItem(event: DomainEvent, now: Date): Write {
  const correlationId = event.correlationId ?? currentCorrelationId();
  return {
    item: {
      Put: {
        TableName: '',
        Item: {
          pk: `EVENT#${event.id}`,
          sk: 'EVENT',
          entity: 'event',
          event: correlationId ? { ...event, correlationId } : event,
          expiresAt: Math.floor(now.getTime() / 1000) + outboxDays * day,
        },
      },
    },
  };
}

/** A new item, refused with a 409 naming `field` when its key is taken. */
export function putNew(
  tableName: string,
  item: Record<string, unknown>,
  duplicate: { field: string; message: string },
): Write {
  return {
    item: { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () =>
      new Conflict(`${duplicate.message}.`, [{ field: duplicate.field, message: 'is already taken' }]),
  };
}

/** Optimistic concurrency: the put holds only if nobody changed the entity since the version the client read. */
export function putVersioned(
  tableName: string,
  item: Record<string, unknown>,
  expectedVersion: number,
  what: string,
): Write {
  return {
    item: {
      Put: {
        TableName: tableName,
        Item: item,
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    },
    onConditionFailed: () =>
      new Conflict(`${what} was changed by someone else; read it again and retry.`, [
        { field: 'version', message: `is not the current version (you sent ${expectedVersion})` },
      ]),
  };
}

function fingerprint(request: unknown) {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

function idempotencyKey({ scope, key }: Pick<Idempotency, 'scope' | 'key'>) {
  return { pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' };
}

/**
 * Writes items, their domain events (the outbox) and the idempotency record in one transaction: either all
 * of it is stored or none. A retried request (same Idempotency-Key) finds its record and gets the first
 * response back; the same key with a different request is refused.
 */
export async function writeAtomically(
  table: TablePort,
  {
    writes,
    events,
    now,
    idempotency,
  }: { writes: Write[]; events: DomainEvent[]; now: Date; idempotency?: Idempotency },
) {
  const all = [...writes, ...events.map((event) => outboxItem(event, now))];
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (idempotency) {
    all.push({
      item: {
        Put: {
          TableName: '',
          Item: {
            ...idempotencyKey(idempotency),
            entity: 'idempotency',
            fingerprint: fingerprint(idempotency.request),
            response: idempotency.response,
            expiresAt: nowSeconds + idempotencyDays * day,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        },
      },
    });
  }
  try {
    await table.client.send(new TransactWriteCommand({ TransactItems: all.map((w) => withTable(w.item, table.name)) }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (idempotency && reasons[all.length - 1]?.Code === 'ConditionalCheckFailed') {
      throw await replayOf(table, idempotency);
    }
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    const toError = all[failed]?.onConditionFailed;
    if (toError) throw toError();
    throw error;
  }
}

function storedRecord(table: TablePort, idempotency: Idempotency) {
  return table.client
    .send(new GetCommand({ TableName: table.name, Key: idempotencyKey(idempotency), ConsistentRead: true }))
    .then(({ Item }) => Item);
}

/** The first response for a retry, or the refusal of a key reused for a different request. */
function replayFrom(record: Record<string, unknown>, idempotency: Idempotency) {
  if (record.fingerprint !== fingerprint(idempotency.request)) {
    return new UnprocessableRequest('This Idempotency-Key was already used for a different request.');
  }
  return new IdempotentReplay(record.response as StoredResponse);
}

async function replayOf(table: TablePort, idempotency: Idempotency) {
  const record = await storedRecord(table, idempotency);
  return record ? replayFrom(record, idempotency) : new Error('idempotency record vanished');
}

/**
 * A retry found before the work is done again, for requests whose retry the domain would refuse (the first attempt
 * changed what it checks, e.g. a merge): the first response to throw (or the refusal of a reused key), undefined
 * when the request is new. The transaction's own idempotency record still decides races.
 */
export async function earlierAttempt(table: TablePort, idempotency: Idempotency | undefined, now: Date) {
  if (!idempotency) return undefined;
  const record = await storedRecord(table, idempotency);
  if (!record || (record.expiresAt as number) < Math.floor(now.getTime() / 1000)) return undefined;
  return replayFrom(record, idempotency);
}

/**
 * A read-decide-write whose conditional write found the data moved on (a 409) is done again from a fresh read, up to
 * `attempts` times: for writers that report facts or run workflow steps rather than edit what a client read.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof Conflict) || i >= attempts) throw error;
    }
  }
}

function withTable(item: TransactItem, tableName: string): TransactItem {
  const [kind, body] = Object.entries(item)[0] as [keyof TransactItem, { TableName?: string }];
  return { [kind]: { ...body, TableName: tableName } } as TransactItem;
}
