import { existsSync, readFileSync } from 'node:fs';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { replaceFile } from '../../shared/adapters/local/files.ts';

export type StreamFilter = { eventName: readonly string[]; entity: readonly string[] };

/** The event source mapping's filter: only matching records reach the function. */
export function passesFilter(record: _Record, filter: StreamFilter) {
  const entity = record.dynamodb?.NewImage?.entity?.S;
  return filter.eventName.includes(record.eventName ?? '') && entity !== undefined && filter.entity.includes(entity);
}

/** A record of the Streams API as Lambda's event source mapping hands it to the function. */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    ...record,
    eventSource: 'aws:dynamodb',
    eventSourceARN: streamArn,
    dynamodb: {
      ...dynamodb,
      ...(ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: ApproximateCreationDateTime.getTime() / 1000 }
        : {}),
    },
  } as DynamoDBRecord;
}

type Checkpoints = Record<string, string | 'closed'>;

/**
 * An iterator GetRecords no longer honours: expired (after 15 minutes), or behind the shard's oldest record. DynamoDB
 * Local numbers the records of all its tables from one counter, so a TRIM_HORIZON iterator taken while a shard is
 * empty points before its first record once another table has written in between, and is refused for good.
 */
const staleIteratorErrors = new Set(['ExpiredIteratorException', 'TrimmedDataAccessException']);

const maxAttempts = 3;

/**
 * Reads the table's stream like Lambda's event source mapping does: shard by shard, in order, a batch at a time,
 * retrying from the first failed record, and remembering how far it got (in `checkpointFile`) across restarts —
 * at least once: a batch whose delivery a crash interrupted is delivered again.
 */
export function pollStream({
  endpoint,
  streamArn,
  filter,
  checkpointFile,
  deliver,
  onGiveUp,
}: {
  endpoint: string;
  streamArn: string;
  filter: StreamFilter;
  checkpointFile?: string;
  deliver: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  onGiveUp: (record: DynamoDBRecord | undefined, error: unknown) => void;
}) {
  const client = new DynamoDBStreamsClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const checkpoints: Checkpoints =
    checkpointFile && existsSync(checkpointFile) ? JSON.parse(readFileSync(checkpointFile, 'utf8')) : {};
  // A checkpoint moves only after its batch was delivered: a crash before then delivers the batch again.
  const save = () => checkpointFile && replaceFile(checkpointFile, JSON.stringify(checkpoints));
  const iterators = new Map<string, string>();
  const attempts = new Map<string, number>();
  let running = true;
  let round = 0;
  const waiting: { after: number; done: () => void }[] = [];

  async function openShards() {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId ?? '';
      if (iterators.has(shardId) || checkpoints[shardId] === 'closed') continue;
      const after = checkpoints[shardId];
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      if (ShardIterator) iterators.set(shardId, ShardIterator);
    }
  }

  async function pollShard(shardId: string, iterator: string) {
    let page: GetRecordsCommandOutput;
    try {
      page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    } catch (error) {
      if (!staleIteratorErrors.has((error as Error).name)) throw error;
      // Taken afresh next round, from the checkpoint (or the trim horizon), as the event source mapping does.
      iterators.delete(shardId);
      return false;
    }
    const { Records = [], NextShardIterator } = page;
    const wanted = Records.filter((record) => passesFilter(record, filter)).map((r) => toLambdaRecord(r, streamArn));
    let failedAt: string | undefined;
    let failure: unknown;
    if (wanted.length) {
      try {
        failedAt = (await deliver({ Records: wanted }))?.batchItemFailures[0]?.itemIdentifier;
        failure = failedAt && new Error('the function reported the record as failed');
      } catch (error) {
        failedAt = wanted[0]?.dynamodb?.SequenceNumber;
        failure = error;
      }
    }
    if (failedAt !== undefined) {
      const tries = (attempts.get(shardId) ?? 0) + 1;
      if (tries < maxAttempts) {
        // Retry from the failed record on the next round, like Lambda with ReportBatchItemFailures.
        attempts.set(shardId, tries);
        const index = Records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
        const previous = index > 0 ? Records[index - 1]?.dynamodb?.SequenceNumber : undefined;
        if (previous) checkpoints[shardId] = previous;
        iterators.delete(shardId);
        save();
        return true;
      }
      onGiveUp(wanted.find((r) => r.dynamodb?.SequenceNumber === failedAt) as DynamoDBRecord, failure);
    }
    attempts.delete(shardId);
    const last = Records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) checkpoints[shardId] = last;
    if (NextShardIterator) iterators.set(shardId, NextShardIterator);
    else {
      iterators.delete(shardId);
      checkpoints[shardId] = 'closed';
    }
    if (last || !NextShardIterator) save();
    return Records.length > 0;
  }

  const loop = (async () => {
    while (running) {
      const current = ++round;
      try {
        if (current % 50 === 1 || iterators.size === 0) await openShards();
        let busy = false;
        for (const [shardId, iterator] of [...iterators]) busy = (await pollShard(shardId, iterator)) || busy;
        if (busy) continue;
        for (const waiter of waiting.filter((w) => w.after < current)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.done();
        }
      } catch (error) {
        if (running) onGiveUp(undefined, error);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  return {
    /** Resolves once every record written so far has been delivered (the next empty round). */
    settled: () => new Promise<void>((done) => waiting.push({ after: round, done })),
    async stop() {
      running = false;
      await loop;
    },
  };
}
