import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as publish } from '../../functions/events/publish.ts';
import { handler as notify } from '../../functions/notifications/notify.ts';
import { handler as resume } from '../../functions/workflows/resume.ts';
import { handler as start } from '../../functions/workflows/start.ts';
import { openCustomer } from '../../shared/domain/customer.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { requestChange } from '../../shared/domain/order-change.ts';
import { executionName } from '../../shared/naming.ts';
import type { WorkflowPort } from '../../shared/ports/index.ts';
import { bindPorts } from '../../shared/runtime.ts';
import { UnparseableEvent } from '../../shared/schemas/events.ts';
import { orderChange } from '../../state-machines/order-change.ts';
import {
  activeCustomer,
  atMinute,
  nextTestId,
  ownedCustomer,
  placedOrder,
  productsByCode,
  testTeam,
} from '../fixtures.ts';

const context = { now: atMinute(0), actor: 'wang.fang@factory.example', newId: nextTestId };
const created = openCustomer(ownedCustomer(), testTeam, context).event;
const changeRequested = requestChange(
  placedOrder([{ productCode: 'CZM04', description: '双面执手（左）', quantity: 100 }]),
  { reason: 'more', lines: [{ op: 'change', line: 1, quantity: 150 }] },
  { ...context, customer: activeCustomer, products: productsByCode },
).event;

let sequence = 0;
/** A stream record of an outbox item, as the event source mapping delivers it. */
const inserted = (event: unknown): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(++sequence),
    // @aws-sdk/util-dynamodb's AttributeValue and aws-lambda's are the same JSON, typed apart.
    NewImage: marshall(
      { pk: `EVENT#${nextTestId()}`, sk: 'EVENT', entity: 'event', event },
      { removeUndefinedValues: true },
    ) as never,
  },
});

const envelope = (detail: unknown): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: 'e',
  'detail-type': 'x',
  source: 'order-follow-up',
  account: '0',
  time: atMinute(0),
  region: 'local',
  resources: [],
  detail,
});

describe('the outbox relay (publish-events)', () => {
  it('publishes each event in order, as parsed', async () => {
    const published: DomainEvent[] = [];
    bindPorts({ events: { publish: async (events) => void published.push(...events) } });
    const records = [inserted(created), inserted(changeRequested)];
    expect(await publish({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(published).toEqual([created, changeRequested]);
  });

  it('reports an item that does not parse as failed by its sequence number; the others go out, in order', async () => {
    for (const bad of [{ ...created, type: 'CustomerDeleted' }, { ...created, data: {} }, undefined]) {
      const published: DomainEvent[] = [];
      bindPorts({ events: { publish: async (events) => void published.push(...events) } });
      const records = [inserted(created), inserted(bad), inserted(changeRequested)];
      // Lambda retries from the failed record; the one after it goes out again then (consumers are idempotent).
      expect(await publish({ Records: records })).toEqual({
        batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }],
      });
      expect(published).toEqual([created, changeRequested]);
    }
  });

  it('reports each record the bus refused, and a batch that fails whole without throwing', async () => {
    bindPorts({
      events: {
        publish: async () => {
          throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        },
      },
    });
    const records = [inserted(created), inserted(changeRequested)];
    expect(await publish({ Records: records })).toEqual({
      batchItemFailures: records.map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber })),
    });
  });
});

describe('the consumers of the bus', () => {
  it('refuse an event that does not parse, saying why (the bus retries it, then its DLQ keeps it)', async () => {
    const malformed = envelope({ ...created, data: { customer: { id: 'c1' } } });
    for (const consumer of [notify, start, resume]) {
      await expect(consumer(malformed)).rejects.toThrow(UnparseableEvent);
    }
    await expect(notify(envelope({ ...created, type: 'CustomerDeleted' }))).rejects.toThrow(
      'Unknown event type "CustomerDeleted"',
    );
  });

  it('start the workflow the event names, given the event as its type', async () => {
    const started: unknown[] = [];
    const nothing = async () => {};
    const workflows: WorkflowPort = {
      start: async (...args) => {
        started.push(args);
        return { executionArn: 'arn' };
      },
      stopExecution: nothing,
      sendTaskSuccess: nothing,
      sendTaskFailure: nothing,
      sendTaskHeartbeat: nothing,
    };
    bindPorts({ workflows });
    await start(envelope(changeRequested));
    const { id, orderId } = changeRequested.data.changeRequest;
    // The event's correlation id, or its own id for an event recorded without one.
    expect(started).toEqual([
      [
        'order-change',
        { orderId, changeRequestId: id, correlationId: changeRequested.id },
        executionName('order-change', id),
      ],
    ]);
    started.length = 0;
    await start(envelope({ ...changeRequested, correlationId: 'req-42' }));
    expect(started).toEqual([
      ['order-change', { orderId, changeRequestId: id, correlationId: 'req-42' }, executionName('order-change', id)],
    ]);
    expect(() => orderChange.startedBy.start(created)).toThrow(
      'order-change starts on ChangeRequested, not CustomerCreated',
    );
  });
});
