import { GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type WorkerDefinition, workers } from '../../functions/workers.ts';
import { runAs } from '../../scripts/offline/access.ts';
import { demoPeople, demoSettings } from '../../scripts/offline/demo-data.ts';
import type { OfflineStack, OfflineStackOptions } from '../../scripts/offline/stack.ts';
import { type Grant, tableItems } from '../../shared/http/route.ts';
import { port } from '../../shared/runtime.ts';
import { requiredSetting } from '../../shared/settings.ts';
import { newCustomer } from '../fixtures.ts';
import { ownStack } from './stack.ts';

const merchandiser = { role: 'merchandiser', email: 'wang.fang@factory.example' };

/** A stack of its own for one test (each binds the process's ports), stopped at its end. */
async function withStack(options: Partial<OfflineStackOptions>, test: (stack: OfflineStack) => Promise<void>) {
  const stack = await ownStack(options);
  try {
    await test(stack);
  } finally {
    await stack.stop();
  }
}

/** The worker definitions with one worker changed: a grant or a setting taken away. */
const changed = (name: string, change: Partial<WorkerDefinition>) =>
  workers.map((worker) => (worker.name === name ? { ...worker, ...change } : worker));

const without = (name: string, grant: Grant) =>
  changed(name, { grants: workers.find((w) => w.name === name)?.grants.filter((g) => g !== grant) });

async function openCustomer(stack: OfflineStack, code: string) {
  const token = await stack.idp.issue({ role: 'merchandiser', email: merchandiser.email });
  const response = await fetch(`${stack.url}/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(newCustomer({ code })),
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await stack.settle();
  const executionArn = `arn:aws:states:local:000000000000:execution:customer-onboarding:customer-onboarding-${id}`;
  return { id, execution: stack.workflows.execution(executionArn) };
}

describe('grants and settings, enforced offline as IAM and the Lambda environment enforce them on AWS', () => {
  it('lets a function use the table only as its grants say: table:read alone refuses writes, as AccessDenied', async () => {
    await withStack({}, async () => {
      const table = port('table');
      const key = { pk: `ACCESS#${crypto.randomUUID()}`, sk: 'ITEM' };
      const put = new PutCommand({ TableName: table.name, Item: { ...key, entity: 'test' } });
      const get = new GetCommand({ TableName: table.name, Key: key });
      const reader = { name: 'reader', grants: ['table:read'] as const };
      const writer = { name: 'writer', grants: ['table:write'] as const };

      await expect(runAs(reader, () => table.client.send(put))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringMatching(
          /^User: arn:aws:sts::000000000000:assumed-role\/reader-role\/reader is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:local:000000000000:table\/test-/,
        ),
      });
      await runAs(writer, () => table.client.send(put));
      await expect(runAs(writer, () => table.client.send(get))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('dynamodb:GetItem'),
      });
      expect((await runAs(reader, () => table.client.send(get))).Item).toMatchObject(key);

      // A transaction needs each item's action: a condition check is a read (dynamodb:ConditionCheckItem).
      const transaction = new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: table.name, Key: key, ConditionExpression: 'attribute_exists(pk)' } },
          { Put: { TableName: table.name, Item: { pk: `${key.pk}-2`, sk: 'ITEM', entity: 'test' } } },
        ],
      });
      await expect(runAs(writer, () => table.client.send(transaction))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('dynamodb:ConditionCheckItem'),
      });
      await runAs({ name: 'both', grants: ['table:read', 'table:write'] }, () => table.client.send(transaction));

      // The stack's own code (demo data, tests) runs as no function and is not checked.
      expect((await table.client.send(get)).Item).toMatchObject(key);
    });
  });

  it('limits a function granted only some items to their partition keys, as dynamodb:LeadingKeys does', async () => {
    await withStack({}, async () => {
      const table = port('table');
      const id = crypto.randomUUID();
      const approval = { pk: `APPROVAL#${id}`, sk: 'APPROVAL' };
      const order = { pk: `ORDER#${id}`, sk: 'ORDER' };
      for (const key of [approval, order]) {
        await table.client.send(new PutCommand({ TableName: table.name, Item: { ...key, entity: 'test' } }));
      }
      const linkPage = { name: 'showApprovalLink', grants: [tableItems('read', 'APPROVAL_LINK#*', 'APPROVAL#*')] };
      const get = (key: object) => new GetCommand({ TableName: table.name, Key: key });
      const denied = (action: string) => ({
        name: 'AccessDeniedException',
        message: expect.stringContaining(`perform: dynamodb:${action} on resource`),
      });

      expect((await runAs(linkPage, () => table.client.send(get(approval)))).Item).toMatchObject(approval);
      await expect(runAs(linkPage, () => table.client.send(get(order)))).rejects.toMatchObject(denied('GetItem'));
      const query = (input: object) =>
        new QueryCommand({ TableName: table.name, ...input } as ConstructorParameters<typeof QueryCommand>[0]);
      const approvalQuery = query({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': approval.pk },
      });
      expect((await runAs(linkPage, () => table.client.send(approvalQuery))).Items).toHaveLength(1);
      // An index names its own key, a scan none: neither is covered by a grant of some items.
      const indexQuery = query({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ORDERS#in_review' },
      });
      await expect(runAs(linkPage, () => table.client.send(indexQuery))).rejects.toMatchObject(denied('Query'));
      const scan = new ScanCommand({ TableName: table.name });
      await expect(runAs(linkPage, () => table.client.send(scan))).rejects.toMatchObject(denied('Scan'));
      // Reading some items writes none.
      const put = new PutCommand({ TableName: table.name, Item: { ...approval, entity: 'changed' } });
      await expect(runAs(linkPage, () => table.client.send(put))).rejects.toMatchObject(denied('PutItem'));

      // In a transaction, every item is checked: one outside the keys refuses the whole.
      const writer = { name: 'decideByLink', grants: [tableItems('write', 'APPROVAL#*', 'EVENT#*')] };
      const transaction = (pk: string) =>
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table.name, Item: { ...approval, entity: 'decided' } } },
            { Put: { TableName: table.name, Item: { pk, sk: 'EVENT', entity: 'test' } } },
          ],
        });
      await runAs(writer, () => table.client.send(transaction(`EVENT#${id}`)));
      await expect(runAs(writer, () => table.client.send(transaction(`ORDER#${id}`)))).rejects.toMatchObject(
        denied('PutItem'),
      );
    });
  });

  it('refuses mail, events and workflow calls a function was not granted', async () => {
    await withStack({}, async () => {
      const nobody = { name: 'nobody', grants: [] };
      const mail = { to: ['a@example.com'], subject: 's', text: 't', html: 'h', template: 'test' };
      await expect(runAs(nobody, () => port('mail').send(mail))).rejects.toMatchObject({
        name: 'AccessDenied',
        message: expect.stringContaining('is not authorized to perform: ses:SendRawEmail'),
      });
      await expect(runAs(nobody, () => port('events').publish([]))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('events:PutEvents'),
      });
      const workflows = port('workflows');
      await expect(runAs(nobody, () => workflows.start('order-intake', {}, 'x'))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining(
          'states:StartExecution on resource: arn:aws:states:local:000000000000:stateMachine:order-intake',
        ),
      });
      await expect(runAs(nobody, () => workflows.stopExecution('order-intake', 'x', 'why'))).rejects.toMatchObject({
        message: expect.stringContaining('states:StopExecution'),
      });
      await expect(runAs(nobody, () => workflows.sendTaskSuccess('token', {}))).rejects.toMatchObject({
        message: expect.stringContaining('states:SendTaskSuccess'),
      });
      // Granted, the call goes through (and reaches the engine, which answers as Step Functions would).
      const caller = { name: 'caller', grants: ['workflows:callback'] as const };
      await expect(runAs(caller, () => workflows.sendTaskSuccess('token', {}))).rejects.toMatchObject({
        name: 'InvalidToken',
      });
    });
  });

  it('gives a function only the settings it declares: any other "is not set", as in its Lambda environment', async () => {
    await withStack({}, async () => {
      const change = { name: 'change', grants: [], settings: ['production-email'] as const };
      expect(runAs(change, () => requiredSetting('production-email'))).toBe(demoSettings.PRODUCTION_EMAIL);
      expect(() => runAs(change, () => requiredSetting('cancellation-limits'))).toThrow(
        'CANCELLATION_LIMITS is not set',
      );
      expect(() => runAs({ name: 'route', grants: [] }, () => requiredSetting('production-email'))).toThrow(
        'PRODUCTION_EMAIL is not set',
      );
      expect(process.env.PRODUCTION_EMAIL).toBeUndefined();
    });
  });

  it('runs the onboarding review with the definitions as declared: the review is asked and e-mailed', async () => {
    await withStack({}, async (stack) => {
      const { execution } = await openCustomer(stack, '701');
      expect(execution).toMatchObject({ status: 'RUNNING', currentStates: ['MerchandiserReview'] });
      const sent = stack.mailbox.list().map((m) => m.template);
      expect(sent.sort()).toEqual(['approval-request', 'customer-created']);
    });
  });

  it('catches a step whose worker lost table:write (AccessDenied, as on AWS) and asks operations', async () => {
    const logs: string[] = [];
    const workers = without('notify', 'table:write').map((worker) =>
      worker.name === 'request-approval' ? { ...worker, grants: ['table:read', 'mail:send'] as Grant[] } : worker,
    );
    await withStack({ workers, log: (line) => logs.push(line) }, async (stack) => {
      const { execution } = await openCustomer(stack, '702');
      // request-approval may read but not write: storing the approval is refused and the task fails; the kit's
      // catch (step-failed, with its own grants) records it and asks operations whether to run it again.
      expect(execution).toMatchObject({ status: 'RUNNING', currentStates: ['MerchandiserReviewFailed'] });
      const asked = stack.mailbox.list();
      expect(asked.map((m) => [m.template, m.to])).toEqual([['approval-request', [demoPeople.operations]]]);
      expect(asked[0]?.text).toContain('AccessDeniedException');
      expect(asked[0]?.text).toMatch(
        /request-approval-role\/request-approval is not authorized to perform: dynamodb:PutItem on resource/,
      );
      // notify without table:write cannot claim its messages, so it sends nothing; the bus reports the refusal.
      expect(logs.join('\n')).toMatch(
        /notify\/customer-created failed after retries: User: \S+notify-role\/notify is not authorized to perform: dynamodb:PutItem/,
      );
    });
  });
});
