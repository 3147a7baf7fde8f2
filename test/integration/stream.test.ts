import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../scripts/offline/dynamodb.ts';
import { pollStream } from '../../scripts/offline/stream.ts';
import { documentClient } from '../../shared/adapters/dynamodb.ts';

describe('the stream poller across a crash', () => {
  it('delivers again a batch whose delivery a crash interrupted, and not the batches delivered before it', async () => {
    const endpoint = inject('dynamoDbEndpoint');
    const tableName = `test-${crypto.randomUUID()}`;
    const streamArn = await ensureTable(endpoint, tableName);
    const client = documentClient(endpoint);
    const directory = mkdtempSync(join(tmpdir(), 'stream-'));
    const checkpointFile = join(directory, 'stream-publish-events.json');
    const put = (id: string) =>
      client.send(new PutCommand({ TableName: tableName, Item: { pk: `EVENT#${id}`, sk: 'EVENT', entity: 'event' } }));
    const ids = (event: DynamoDBStreamEvent) => event.Records.map((r) => r.dynamodb?.NewImage?.pk?.S);
    const options = { endpoint, streamArn, filter: { eventName: ['INSERT'], entity: ['event'] }, checkpointFile };
    const wait = async <T>(probe: () => T | undefined) => {
      for (let i = 0; i < 200; i++, await delay(50)) {
        const value = probe();
        if (value) return value;
      }
      throw new Error('nothing delivered');
    };

    const first: (string | undefined)[][] = [];
    const stuck = Promise.withResolvers<undefined>();
    const crashed = pollStream({
      ...options,
      deliver: async (event) => {
        first.push(ids(event));
        // The first batch is delivered; the process dies while the second is.
        return first.length === 1 ? undefined : await stuck.promise;
      },
      onGiveUp: () => {},
    });
    try {
      await put('1');
      await wait(() => first[0]);
      await crashed.settled();
      await put('2');
      await wait(() => first[1]);
      expect(first).toEqual([['EVENT#1'], ['EVENT#2']]);

      const again: (string | undefined)[][] = [];
      const restarted = pollStream({
        ...options,
        deliver: async (event) => {
          again.push(ids(event));
          return undefined;
        },
        onGiveUp: () => {},
      });
      await wait(() => again[0]);
      await restarted.settled();
      await restarted.stop();
      expect(again).toEqual([['EVENT#2']]);
    } finally {
      stuck.resolve(undefined);
      await crashed.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the stream poller on a DynamoDB Local that other tables share', () => {
  it('delivers the first records of a table whose stream it began reading while empty, other tables writing first', async () => {
    const endpoint = inject('dynamoDbEndpoint');
    const [mine, other] = [`test-${crypto.randomUUID()}`, `test-${crypto.randomUUID()}`];
    const streamArn = await ensureTable(endpoint, mine);
    await ensureTable(endpoint, other);
    const client = documentClient(endpoint);
    const put = (table: string, id: string) =>
      client.send(new PutCommand({ TableName: table, Item: { pk: `EVENT#${id}`, sk: 'EVENT', entity: 'event' } }));
    const delivered: (string | undefined)[] = [];
    const problems: string[] = [];
    const poller = pollStream({
      endpoint,
      streamArn,
      filter: { eventName: ['INSERT'], entity: ['event'] },
      deliver: async (event) => {
        delivered.push(...event.Records.map((r) => r.dynamodb?.NewImage?.pk?.S));
        return undefined;
      },
      onGiveUp: (_, error) => problems.push((error as Error).name),
    });
    try {
      // The poller holds a TRIM_HORIZON iterator of the empty shard once it has gone round once.
      await poller.settled();
      await put(other, 'elsewhere');
      await put(mine, '1');
      await put(mine, '2');
      for (let i = 0; i < 200 && delivered.length < 2; i++) await delay(50);
      expect(delivered).toEqual(['EVENT#1', 'EVENT#2']);
      expect(problems).toEqual([]);
    } finally {
      await poller.stop();
    }
  });
});
