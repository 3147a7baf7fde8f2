import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as notify } from '../../functions/notifications/notify.ts';
import { sendEachOnce } from '../../shared/application/send-once.ts';
import type { MailMessage, MailPort } from '../../shared/ports/index.ts';
import { bindPorts, port } from '../../shared/runtime.ts';
import { newCustomer } from '../fixtures.ts';
import { testStack } from './stack.ts';

const merchandiser = { role: 'merchandiser' as const, email: 'merchandiser@example.com' };

describe('each e-mail is recorded as sent only once the mail service accepted it', async () => {
  const stack = await testStack();
  const mailbox = stack.mailbox;
  /** The mail service refuses the next `n` messages to `to`, then accepts again. */
  const refuseNext = (to: string, n: number) => {
    let left = n;
    const refusing: MailPort = {
      send: async (message) => {
        if (message.to.includes(to) && left-- > 0)
          throw new Error('454 Throttling failure: Maximum sending rate exceeded');
        return await mailbox.send(message);
      },
    };
    bindPorts({ mail: refusing });
    return () => bindPorts({ mail: mailbox });
  };
  const message = (to: string, subject: string): MailMessage => ({
    to: [to],
    subject,
    text: subject,
    html: `<p>${subject}</p>`,
    template: 'test',
  });
  const received = (subject: string) => mailbox.list().filter((m) => m.subject === subject);

  it('sends a message whose first send failed when the event is delivered again, and then never again', async () => {
    const restore = refuseNext('wang.fang@factory.example', 1);
    const created = await stack.call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '301', name: 'Retry Windows Ltd.' }),
    });
    expect(created.status).toBe(201);
    await stack.settle();
    restore();
    // The bus delivered the event again after the refusal (EventBridge retries a failed invocation).
    const mails = mailbox
      .list()
      .filter((m) => m.template === 'customer-created' && m.text.includes('Retry Windows Ltd.'));
    expect(mails).toHaveLength(1);

    // A later redelivery of the same event (at least once) sends nothing.
    const { Items = [] } = await port('table').client.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `NOTIFIED#${await eventIdOf(created.body.id)}` },
      }),
    );
    expect(Items).toEqual([expect.objectContaining({ status: 'sent', messageId: expect.any(String) })]);
    expect(Items[0]).not.toHaveProperty('leaseUntil');
  });

  it('after a partly failed delivery, the retry sends only what was not accepted; concurrent deliveries send once', async () => {
    const messages = [message('a@example.com', 'one of two'), message('b@example.com', 'two of two')];
    const restore = refuseNext('b@example.com', 1);
    await expect(sendEachOnce('evt-partly', messages)).rejects.toThrow(/1 of 2 messages for evt-partly not sent/);
    expect(received('one of two')).toHaveLength(1);
    expect(received('two of two')).toHaveLength(0);
    restore();
    await sendEachOnce('evt-partly', messages);
    await sendEachOnce('evt-partly', messages);
    expect(received('one of two')).toHaveLength(1);
    expect(received('two of two')).toHaveLength(1);

    const twice = [message('c@example.com', 'raced')];
    const results = await Promise.allSettled([sendEachOnce('evt-raced', twice), sendEachOnce('evt-raced', twice)]);
    expect(received('raced')).toHaveLength(1);
    // The loser saw the message being sent: it failed, so that it would be retried, and the retry sends nothing.
    expect(results.filter((r) => r.status === 'rejected').length).toBeLessThanOrEqual(1);
    await sendEachOnce('evt-raced', twice);
    expect(received('raced')).toHaveLength(1);
  });

  it('a redelivered event to the notifier sends no second e-mail', async () => {
    const created = await stack.call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '302', name: 'Twice Delivered Ltd.' }),
    });
    await stack.settle();
    const eventId = await eventIdOf(created.body.id);
    const { Items = [] } = await port('table').client.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `EVENT#${eventId}` },
      }),
    );
    const detail = Items[0]?.event;
    await notify({ detail } as never);
    expect(
      mailbox.list().filter((m) => m.template === 'customer-created' && m.text.includes('Twice Delivered Ltd.')),
    ).toHaveLength(1);
  });

  /** The id of the CustomerCreated event of a customer, from its outbox item. */
  async function eventIdOf(customerId: string) {
    const { Items = [] } = await port('table').client.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'entity = :event',
        ExpressionAttributeValues: { ':event': 'event' },
      }),
    );
    return Items.find((item) => item.event?.type === 'CustomerCreated' && item.event?.subject?.id === customerId)?.event
      .id as string;
  }
});
