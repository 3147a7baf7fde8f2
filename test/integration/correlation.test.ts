import { readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoCustomers, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { decideFromMail, intakeApprovers, latestMail, passOnboarding } from './approvals.ts';
import { testStack } from './stack.ts';

describe('one correlation id, from the request to the e-mails', async () => {
  const stack = await testStack();
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const customerId = customerIds['001'] as string;
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);

  /** The events the outbox kept (a test-only scan of the test's own table). */
  const events = async () => {
    const { Items = [] } = await port('table').client.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'entity = :e',
        ExpressionAttributeValues: { ':e': 'event' },
      }),
    );
    return Items.map((item) => item.event as { type: string; subject: { id: string }; correlationId?: string });
  };

  it('goes from x-correlation-id onto OrderPlaced, the intake execution’s input and the approval e-mail', async () => {
    const correlationId = `po-7781-${crypto.randomUUID()}`;
    const placed = await stack.call('POST', '/orders', {
      as: { role: 'customer', email: 'li.wei@huaxin.example', customerId },
      headers: { 'x-correlation-id': correlationId },
      body: {
        poNumber: 'HX-PO-CORR-1',
        channel: 'platform',
        requestedDate: '2027-02-01',
        lines: [{ productCode: 'CZM04-SET', description: '执手套装', quantity: 50, components: doc000KitComponents }],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();

    const orderPlaced = (await events()).find((e) => e.type === 'OrderPlaced' && e.subject.id === placed.body.id);
    expect(orderPlaced?.correlationId).toBe(correlationId);

    const intake = stack.workflows
      .executions()
      .filter((e) => e.stateMachine === 'order-intake')
      .map((e) => stack.workflows.execution(e.executionArn))
      .find((e) => (e?.input as { orderId?: string } | undefined)?.orderId === placed.body.id);
    expect(intake?.input).toMatchObject({ correlationId });

    const mail = latestMail(stack, 'approval-request', 'wang.fang@factory.example');
    expect(mail.subject).toContain(placed.body.number);
    expect(mail.correlationId).toBe(correlationId);
    expect(readFileSync(mail.file, 'utf8')).toContain(`X-Correlation-Id: ${correlationId}`);

    // The workflow's own steps run under the execution's id: what the accept step records after the merchandiser
    // decided (in a request of its own, with its own id) still carries the order's.
    await decideFromMail(stack, intakeApprovers.merchandiser, placed.body.number, { outcome: 'approve' });
    const advanced = (await events()).find((e) => e.type === 'OrderAdvanced' && e.subject.id === placed.body.id);
    expect(advanced?.correlationId).toBe(correlationId);
  });

  it('is the API request id when the caller sends none (or one that is not a short token)', async () => {
    const placed = await stack.call('POST', '/orders', {
      as: { role: 'customer', email: 'li.wei@huaxin.example', customerId },
      headers: { 'x-correlation-id': 'not a token\twith spaces' },
      body: {
        poNumber: 'HX-PO-CORR-2',
        channel: 'platform',
        requestedDate: '2027-02-01',
        lines: [{ productCode: 'CZM04-SET', description: '执手套装', quantity: 50, components: doc000KitComponents }],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    const orderPlaced = (await events()).find((e) => e.type === 'OrderPlaced' && e.subject.id === placed.body.id);
    expect(orderPlaced?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is the execution’s name for an execution started by hand without one: its steps run and e-mail as usual', async () => {
    const placed = await stack.call('POST', '/orders', {
      as: { role: 'customer', email: 'li.wei@huaxin.example', customerId },
      body: {
        poNumber: 'HX-PO-CORR-3',
        channel: 'platform',
        requestedDate: '2027-02-01',
        lines: [{ productCode: 'CZM04-SET', description: '执手套装', quantity: 50, components: doc000KitComponents }],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    const byHand = `order-intake-by-hand-${placed.body.id}`;
    await port('workflows').start('order-intake', { orderId: placed.body.id }, byHand);
    await stack.settle();
    const asked = stack.mailbox
      .list()
      .filter((m) => m.template === 'approval-request' && m.subject.includes(placed.body.number));
    expect(asked.map((m) => m.correlationId)).toContain(byHand);
  });
});
