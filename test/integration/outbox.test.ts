import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { outboxKeys } from '../../shared/persistence/outbox.ts';
import { bindPorts, port } from '../../shared/runtime.ts';
import { atMinute, newCustomer, nextTestId } from '../fixtures.ts';
import { testStack } from './stack.ts';

const merchandiser = { role: 'merchandiser' as const, email: 'merchandiser@example.com' };
const outboxItem = async (eventId: string) =>
  (
    await port('table').client.send(
      new GetCommand({ TableName: port('table').name, Key: outboxKeys.item(eventId), ConsistentRead: true }),
    )
  ).Item;

/** The outbox item of the event about a subject (a test may scan: no request path does). */
const outboxItemAbout = async (subjectId: string) => {
  const { Items = [] } = await port('table').client.send(
    new ScanCommand({
      TableName: port('table').name,
      FilterExpression: 'entity = :event',
      ExpressionAttributeValues: { ':event': 'event' },
      ConsistentRead: true,
    }),
  );
  return Items.find((item) => item.event?.subject?.id === subjectId);
};

describe('the outbox: nothing is lost when the stream relay cannot publish', async () => {
  const stack = await testStack();
  const sweep = async (minutesLater: number) => {
    bindPorts({ clock: { now: () => new Date(Date.now() + minutesLater * 60_000) } });
    try {
      const response = await fetch(`${stack.url}/_local/schedules/republish-events`, { method: 'POST' });
      expect(response.status).toBe(200);
      await stack.settle();
    } finally {
      bindPorts({ clock: { now: () => new Date() } });
    }
  };
  const welcomes = (code: string) =>
    stack.mailbox.list().filter((m) => m.template === 'customer-created' && m.text.includes(`Relay Down ${code}`));

  it('keeps an event with no TTL until the relay published it, then lets it expire', async () => {
    const created = await stack.call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '401' }) });
    await stack.settle();
    const item = await outboxItemAbout(created.body.id);
    expect(item).toMatchObject({ entity: 'event', publishedAt: expect.any(String), expiresAt: expect.any(Number) });
    expect(item).not.toHaveProperty('gsi1pk');
  });

  it('publishes, oldest first, what the relay missed minutes after it was recorded, once, and the e-mails follow', async () => {
    // The bus refuses the relay until its retries are spent: the stream batch is given up (on AWS: its position to
    // the DLQ), and a day later the stream itself no longer has the record.
    const bus = port('events');
    bindPorts({ events: { publish: () => Promise.reject(new Error('EventBridge: ServiceUnavailable')) } });
    const created = await stack.call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '402', name: 'Relay Down 402' }),
    });
    expect(created.status).toBe(201);
    await stack.settle();
    bindPorts({ events: bus });
    expect(welcomes('402')).toHaveLength(0);
    const kept = await outboxItemAbout(created.body.id);
    expect(kept).toMatchObject({ gsi1pk: outboxKeys.unpublished });
    expect(kept).not.toHaveProperty('expiresAt');

    await sweep(1); // a minute on: the relay may still be on its way — left alone
    expect(welcomes('402')).toHaveLength(0);

    await sweep(6);
    expect(welcomes('402')).toHaveLength(1);
    await sweep(12); // published: a later run finds nothing to do
    expect(welcomes('402')).toHaveLength(1);
  });

  it('sets an item that is no domain event aside for an operator, keeping it (no TTL), instead of trying it for ever', async () => {
    const table = port('table');
    const bad = `evt_${nextTestId()}`;
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...outboxKeys.item(bad),
          entity: 'event',
          event: { id: bad, type: 'CustomerDeleted' },
          gsi1pk: outboxKeys.unpublished,
          gsi1sk: `${atMinute(0)}#${bad}`,
        },
      }),
    );
    await stack.call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '403', name: 'Relay Down 403' }),
    });
    await sweep(6);
    expect(welcomes('403')).toHaveLength(1);
    expect(await outboxItem(bad)).toMatchObject({
      gsi1pk: outboxKeys.unpublishable,
      problem: expect.stringContaining('CustomerDeleted'),
    });
    expect(await outboxItem(bad)).not.toHaveProperty('expiresAt');
  });
});
