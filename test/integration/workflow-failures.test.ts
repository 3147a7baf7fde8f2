import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { bindPorts, port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { latestMail, passOnboarding, postDecision } from './approvals.ts';
import { testStack } from './stack.ts';

const people = {
  merchandiser: 'wang.fang@factory.example',
  salesManager: 'xu.ming@factory.example',
  operations: demoPeople.operations,
  customer: 'li.wei@huaxin.example',
};

/** A stop the workflow port refuses, as Step Functions would without its IAM grant: not worth a retry. */
class AccessDeniedException extends Error {
  override name = 'AccessDeniedException';
}

describe('a workflow step that fails after its retries reaches a person (kit: catch-and-alert)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const asCustomer = { role: 'customer' as const, email: people.customer, customerId: customerIds['001'] as string };
  const workflows = port('workflows');
  const mailbox = stack.mailbox;

  const placeAndCancel = async (po: string) => {
    const placed = await call('POST', '/orders', {
      as: asCustomer,
      body: {
        poNumber: po,
        channel: 'platform',
        requestedDate: '2027-02-01',
        lines: [{ productCode: 'CZM04-SET', description: '执手套装（套装包装）', quantity: 50, components: kit(50) }],
      },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('in_review');
    await stack.settle();
    const asked = await call('POST', `/orders/${placed.body.id}/cancellation`, {
      as: asCustomer,
      body: { reason: 'The project was postponed.' },
    });
    expect(asked.status).toBe(202);
    await stack.settle();
    return { ...(placed.body as { id: string; number: string }), cancellationId: asked.body.id as string };
  };
  const execution = (name: string) => stack.workflows.executions().find((e) => e.name === name);
  const history = async (orderId: string) =>
    (await call('GET', `/orders/${orderId}`, { as: { role: 'merchandiser' } })).body.history as {
      action: string;
      note?: string;
    }[];

  it('records the failure, alerts the merchandiser, and runs the step again when operations approve', async () => {
    const order = await placeAndCancel('HX-FAIL-1');
    let refusals = 0;
    bindPorts({
      workflows: {
        ...workflows,
        stopExecution: async () => {
          refusals++;
          throw new AccessDeniedException('not authorized to perform: states:StopExecution');
        },
      },
    });
    await postDecision(latestMail(stack, 'approval-request', people.salesManager).link, { outcome: 'approve' });
    await stack.settle();
    expect(refusals).toBe(1); // a refusal is not retried: it goes straight to the catch

    const name = `order-cancellation-${order.cancellationId}`;
    expect(execution(name)).toMatchObject({ status: 'RUNNING', currentStates: ['WindDownFailed'] });
    const failure = (await history(order.id)).filter((h) => h.action === 'workflow-step-failed');
    expect(failure).toHaveLength(1);
    expect(failure[0]?.note).toContain('WindDown: AccessDeniedException');
    const alert = latestMail(stack, 'workflow-step-failed', people.merchandiser);
    expect(alert.subject).toContain(order.number);
    expect(alert.text).toContain('WindDown');
    const ask = latestMail(stack, 'approval-request', people.operations);
    expect(ask.text).toContain('AccessDeniedException');

    bindPorts({ workflows }); // operations fixed the grant
    expect((await postDecision(ask.link, { outcome: 'approve', comment: 'Grant restored' })).status).toBe(200);
    await stack.settle();
    expect(execution(name)?.status).toBe('SUCCEEDED');
    expect(execution(`order-intake-${order.id}`)?.status).toBe('ABORTED');
  });

  it('ends the workflow as Abandoned when operations give it up, with the failure still on record', async () => {
    const order = await placeAndCancel('HX-FAIL-2');
    bindPorts({
      workflows: {
        ...workflows,
        stopExecution: async () => {
          throw new AccessDeniedException('not authorized to perform: states:StopExecution');
        },
      },
    });
    await postDecision(latestMail(stack, 'approval-request', people.salesManager).link, { outcome: 'approve' });
    await stack.settle();
    bindPorts({ workflows });
    const ask = latestMail(stack, 'approval-request', people.operations);
    expect(ask.subject).toContain(order.number);
    const given = await postDecision(ask.link, { outcome: 'reject', comment: 'Stopped by hand instead' });
    expect(given.status).toBe(200);
    await stack.settle();
    const ended = stack.workflows.execution(
      execution(`order-cancellation-${order.cancellationId}`)?.executionArn ?? '',
    );
    expect(ended).toMatchObject({ status: 'FAILED', error: 'Abandoned' });
    expect((await history(order.id)).map((h) => h.action)).toContain('workflow-step-failed');
  });

  it('keeps waiting when the mail service refuses an approval e-mail: operations are told, the API still decides', async () => {
    bindPorts({
      mail: {
        send: async (message) => {
          if (message.template === 'approval-request' && message.to.includes(people.salesManager)) {
            throw Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
          }
          return await mailbox.send(message);
        },
      },
    });
    const order = await placeAndCancel('HX-FAIL-3');
    bindPorts({ mail: mailbox });
    const name = `order-cancellation-${order.cancellationId}`;
    expect(execution(name)).toMatchObject({ status: 'RUNNING', currentStates: ['Approval'] });
    const told = latestMail(stack, 'approval-undelivered', people.operations);
    expect(told.subject).toContain(order.number);
    expect(told.text).toContain('Email address is not verified.');
    expect((await history(order.id)).map((h) => h.action)).toContain('approval-undelivered');

    const pending = await call('GET', `/approvals?subject=order:${order.id}`, { as: { role: 'leader' } });
    const approval = pending.body.items.find(
      (a: { status: string; flow: string }) => a.status === 'pending' && a.flow === 'order-cancellation',
    );
    const decided = await call('POST', `/approvals/${approval.id}/decision`, {
      as: { role: 'leader', email: people.salesManager },
      body: { outcome: 'approve' },
    });
    expect(decided.status).toBe(200);
    await stack.settle();
    expect(execution(name)?.status).toBe('SUCCEEDED');
  });
});

function kit(sets: number) {
  return doc000KitComponents.map((c) => ({ ...c, quantity: c.productCode === 'M5X75' ? 2 * sets : sets }));
}
