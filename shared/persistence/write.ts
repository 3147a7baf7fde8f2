import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Conflict, ContentTooLarge, UnprocessableRequest } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { TablePort } from '../ports/index.ts';
import { outboxItem } from './outbox.ts';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * One item of a write, with the error to raise when its condition fails; given the item as it was when the write asks
 * for it (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), so the error can say what it found.
 */
export type Write = { item: TransactItem; onConditionFailed?: (found?: Record<string, unknown>) => Error };

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

/**
 * DynamoDB cancelled the transaction because another one was writing one of its items at that very moment
 * (`TransactionCanceledException` with a `TransactionConflict` reason — DynamoDB Local never raises it). Nothing was
 * written; the same write from a fresh read usually goes through, so `retryOnConflict` and order numbering try again,
 * and a caller who still meets it gets 409 "try again", never a 500.
 */
export class WriteRaced extends Conflict {
  constructor() {
    super('Someone else changed the same data at this very moment; nothing was saved. Please try again.');
  }
}

export type Idempotency = { scope: string; key: string; request: unknown; response: StoredResponse };

const day = 24 * 60 * 60;
const idempotencyDays = 1;

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
  const all = [...writes, ...events.map(outboxItem)];
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
    if (itemTooLarge(error)) {
      throw new ContentTooLarge(
        'What this would store is larger than one item may be (400 KB in DynamoDB): nothing was written. Send fewer or shorter lines, or split it.',
      );
    }
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (idempotency && reasons[all.length - 1]?.Code === 'ConditionalCheckFailed') {
      throw await replayOf(table, idempotency);
    }
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    const toError = all[failed]?.onConditionFailed;
    const found = reasons[failed]?.Item;
    if (toError) throw toError(found && unmarshall(found));
    if (failed < 0 && reasons.some((reason) => reason.Code === 'TransactionConflict')) throw new WriteRaced();
    throw error;
  }
}

/**
 * DynamoDB refuses an item over 400 KB with a ValidationException ("Item size has exceeded the maximum allowed
 * size"; in a transaction, also as a cancellation reason): the write is the client's too large, not our failure.
 */
function itemTooLarge(error: unknown) {
  const text = (value: unknown) => String((value as { message?: unknown } | undefined)?.message ?? value ?? '');
  const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
  return [error, ...reasons.map((r) => r.Message)].some((e) => /item size (to update )?has exceeded/i.test(text(e)));
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
 * `earlierAttempt` as a read sent with others (`inOrder`): it resolves when the request is new and fails with the first
 * response (or the refusal of a reused key), so that a retry is answered before whatever the reads after it find.
 */
export async function unlessRetried(table: TablePort, idempotency: Idempotency | undefined, now: Date) {
  const earlier = await earlierAttempt(table, idempotency, now);
  if (earlier) throw earlier;
}

/**
 * A read-decide-write whose conditional write found the data moved on (a 409) is done again from a fresh read, up to
 * `attempts` times: for writers that report facts or run workflow steps rather than edit what a client read. A
 * conflict that a fresh read cannot change (`final`, e.g. a duplicate) is answered at once.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  attempts = 5,
  final: (error: Conflict) => boolean = () => false,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof Conflict) || final(error) || i >= attempts) throw error;
    }
  }
}

function withTable(item: TransactItem, tableName: string): TransactItem {
  const [kind, body] = Object.entries(item)[0] as [keyof TransactItem, { TableName?: string }];
  return { [kind]: { ...body, TableName: tableName } } as TransactItem;
}
