import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { latestMail, passOnboarding, postDecision, postDecisionWithCode } from './approvals.ts';
import { type Caller, testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

/** Whom a call is made as. */
type As = NonNullable<Parameters<Caller>[2]>['as'];

const people = {
  merchandiser: 'wang.fang@factory.example',
  salesManager: 'xu.ming@factory.example',
  generalManager: demoPeople.generalManager,
  planning: 'zhao.lei@factory.example',
  pmc: 'chen.jie@factory.example',
  finance: 'zhou.min@factory.example',
  customer: 'li.wei@huaxin.example',
};
/** A complete kit line of `sets` handle sets at 85.00 CNY (R2: every component matches the bill of materials). */
const kitLine = (sets: number) => ({
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity: sets,
  components: doc000KitComponents.map((c) => ({ ...c, quantity: c.productCode === 'M5X75' ? 2 * sets : sets })),
});

describe('order cancellation (R16): approved by the authority its amount needs', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const asCustomer = { role: 'customer' as const, email: people.customer, customerId: customerIds['001'] as string };
  const asMerchandiser = { role: 'merchandiser' as const, email: people.merchandiser };
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);

  /** An order of customer 001 (deposit 30 %, CNY), placed and waiting for the merchandiser's review. */
  const place = async (sets: number, po: string) => {
    const placed = await call('POST', '/orders', {
      as: asCustomer,
      body: { poNumber: po, channel: 'platform', requestedDate: '2027-02-01', lines: [kitLine(sets)] },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    // No findings to hold the review (the customer's own answer does not show them: they are the merchandiser's).
    expect((await call('GET', `/orders/${placed.body.id}`, { as: asMerchandiser })).body.findings).toEqual([]);
    return placed.body as { id: string; number: string; totals: { amount: number; depositDue: number } };
  };
  const requestsTo = (to: string, about: string) =>
    stack.mailbox
      .list()
      .filter((m) => m.template === 'approval-request' && m.to.includes(to) && m.subject.includes(about));
  /** The newest approval request about `about` to `to`, decided from its link as a browser would. */
  const decide = async (to: string, about: string, fields: Record<string, string>) => {
    const [mail] = requestsTo(to, about);
    const link = mail?.links.find((l) => l.includes('/approval-links/'));
    if (!link) throw new Error(`no approval request about ${about} to ${to}`);
    const decided = await postDecision(link, fields);
    await stack.settle();
    return { mail, link, status: decided.status };
  };
  const cancel = async (orderId: string, reason: string, as: As = asCustomer, headers?: Record<string, string>) => {
    const response = await call('POST', `/orders/${orderId}/cancellation`, { as, body: { reason }, headers });
    await stack.settle();
    return response;
  };
  // The staff's view: who asked and approved, the history with its actors and notes (customers see less).
  const read = async (orderId: string) => (await call('GET', `/orders/${orderId}`, { as: asMerchandiser })).body;
  const execution = (name: string) => stack.workflows.executions().find((e) => e.name === name);
  /** R9: finance records a part of the order's deposit, received on `receivedOn`. */
  const payDeposit = async (order: { id: string }, amount: number, receivedOn: string) => {
    const body = {
      customerId: customerIds['001'],
      orderId: order.id,
      kind: 'deposit',
      amount,
      currency: 'CNY',
      method: 'bank-transfer',
      reference: `DEP-${order.id}-${receivedOn}`,
      receivedOn,
    };
    expect((await call('POST', '/payments', { as: { role: 'finance', email: people.finance }, body })).status).toBe(
      201,
    );
    await stack.settle();
  };

  it('cancels an order below the limit once its sales manager approves, and stops its intake', async () => {
    const order = await place(50, 'HX-CAN-1');
    expect(order.totals.amount).toBe(4250);
    const [intakeRequest] = requestsTo(people.merchandiser, order.number);
    const intakeLink = intakeRequest?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect(intakeLink).not.toBe('');

    const asked = await cancel(order.id, '项目取消 The project was called off');
    expect(asked.status).toBe(202);
    expect(asked.headers.get('location')).toBe(`/orders/${order.id}/cancellation`);
    expect(asked.body).toMatchObject({ orderId: order.id, status: 'waiting', amount: 4250, currency: 'CNY' });
    // R16: not unilateral — the order is unchanged while the request waits.
    expect((await read(order.id)).status).toBe('in_review');
    // Whose authority it needs is the company's; the customer sees that it waits (the customer's view).
    const waiting = await call('GET', `/orders/${order.id}/cancellation`, { as: asMerchandiser });
    expect(waiting.body).toMatchObject({
      id: asked.body.id,
      status: 'waiting',
      authority: { role: 'leader', limit: 50000 },
    });
    const customerView = (await call('GET', `/orders/${order.id}/cancellation`, { as: asCustomer })).body;
    expect(customerView).toMatchObject({ id: asked.body.id, status: 'waiting' });
    expect(customerView).not.toHaveProperty('authority');
    expect(requestsTo(people.generalManager, order.number)).toEqual([]);

    const approval = await decide(people.salesManager, order.number, { outcome: 'approve', comment: 'ok' });
    expect(approval.status).toBe(200);
    // The approver reads what is asked in business words; the rule (R16) is for the team, not in the e-mail.
    expect(approval.mail?.subject).toContain('Approve the cancellation of an order');
    expect(approval.mail?.subject).not.toMatch(/\bR\d+\b/);

    const cancelled = await read(order.id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancellation: {
        reason: '项目取消 The project was called off',
        requestedBy: people.customer,
        approvedBy: people.salesManager,
      },
    });
    expect(cancelled.cancellation.creditOwed).toBeUndefined();
    expect(cancelled.history.map((h: { action: string }) => h.action)).toEqual([
      'placed',
      'cancellation requested',
      'cancelled',
    ]);
    expect(cancelled.history.at(-1)).toMatchObject({
      actor: people.salesManager,
      changes: expect.arrayContaining([{ field: 'status', before: 'in_review', after: 'cancelled' }]),
    });
    expect((await call('GET', `/orders/${order.id}/cancellation`, { as: asMerchandiser })).body).toMatchObject({
      status: 'approved',
      decidedBy: people.salesManager,
    });

    const toCustomer = latestMail(stack, 'order-cancelled', people.customer);
    expect(toCustomer.subject).toContain(order.number);
    expect(toCustomer.text).toContain('项目取消');
    const toStaff = latestMail(stack, 'order-cancelled-stop', people.pmc);
    expect(toStaff.to).toEqual([people.pmc, people.merchandiser]);
    expect(toStaff.subject).toContain(order.number);

    // Cancelled orders stop their running workflows cleanly: the intake is aborted, its open request closed.
    expect(execution(`order-intake-${order.id}`)?.status).toBe('ABORTED');
    expect(execution(`order-cancellation-${asked.body.id}`)?.status).toBe('SUCCEEDED');
    expect((await postDecision(intakeLink, { outcome: 'approve' })).status).toBe(410);
    const approvals = (await call('GET', `/orders/${order.id}`, { as: asMerchandiser })).body.approvals;
    expect(approvals.map((a: { step: string; status: string }) => [a.step, a.status])).toEqual([
      ['merchandiser-review', 'closed'],
      ['cancellation-approval', 'decided'],
    ]);
  });

  it('asks the general manager, not the sales manager, to cancel an order above the CNY limit', async () => {
    const order = await place(600, 'HX-CAN-2');
    expect(order.totals.amount).toBe(51000);
    expect((await cancel(order.id, 'over-ordered')).status).toBe(202);
    expect(requestsTo(people.salesManager, order.number)).toEqual([]);
    expect(requestsTo(people.generalManager, order.number)).toHaveLength(1);
    const { body } = await call('GET', `/orders/${order.id}/cancellation`, { as: asMerchandiser });
    expect(body.authority).toEqual({ role: 'gm', limit: 50000 });

    // Above the limit, deciding from the link also needs the one-time code e-mailed to the general manager.
    const link =
      requestsTo(people.generalManager, order.number)[0]?.links.find((l) => l.includes('/approval-links/')) ?? '';
    const decided = await postDecisionWithCode(stack, link, people.generalManager, { outcome: 'approve' });
    expect(decided.status).toBe(200);
    await stack.settle();
    expect(await read(order.id)).toMatchObject({
      status: 'cancelled',
      cancellation: { approvedBy: people.generalManager },
    });
    expect(requestsTo(people.salesManager, order.number)).toEqual([]);
  });

  it('owes a deposit already received back to the customer as a credit', async () => {
    const order = await place(50, 'HX-CAN-3');
    await decide(people.merchandiser, order.number, { outcome: 'approve' });
    await decide(people.planning, order.number, { outcome: 'approve' });
    await decide(people.pmc, order.number, { outcome: 'approve', promisedDate: '2027-02-20' });
    // R9: the deposit paid in two parts, the second on the day it was complete.
    await payDeposit(order, 1000, '2026-11-30');
    await payDeposit(order, 275, '2026-12-01');
    expect(await read(order.id)).toMatchObject({ status: 'in_production', depositReceivedOn: '2026-12-01' });
    expect(execution(`order-intake-${order.id}`)?.status).toBe('SUCCEEDED');

    expect((await cancel(order.id, 'Customer closed its site', asMerchandiser)).status).toBe(202);
    expect((await decide(people.salesManager, order.number, { outcome: 'approve' })).status).toBe(200);

    const cancelled = await read(order.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { creditOwed: 1275 } });
    expect(cancelled.history.at(-1).note).toContain('credit');
    const { Item } = await port('table').client.send(
      new GetCommand({
        TableName: stack.tableName,
        Key: { pk: `CUSTOMER#${customerIds['001']}`, sk: `CREDIT#${order.id}` },
      }),
    );
    expect(Item).toMatchObject({
      entity: 'customer-credit',
      amount: 1275,
      currency: 'CNY',
      orderId: order.id,
      orderNumber: order.number,
    });
    const toCustomer = latestMail(stack, 'order-cancelled', people.customer);
    expect(toCustomer.subject).toContain(order.number);
    expect(toCustomer.text).toContain('¥1,275.00');
    expect(latestMail(stack, 'order-cancelled-stop', people.pmc).text).toContain('¥1,275.00');
    // The intake had ended already: stopping it was a no-op.
    expect(execution(`order-intake-${order.id}`)?.status).toBe('SUCCEEDED');

    // The cancel step run again (a Lambda retry) changes nothing: no second cancellation, no second credit.
    const { handler } = await import('../../functions/order-cancellations/cancellation.ts');
    const { body: request } = await call('GET', `/orders/${order.id}/cancellation`, { as: asCustomer });
    const retry = { orderId: order.id, cancellationId: request.id, decidedBy: people.salesManager };
    expect(await handler({ action: 'cancel', ...retry, decidedAt: request.decidedAt })).toEqual({ status: 'approved' });
    await handler({ action: 'wind-down', orderId: order.id, cancellationId: request.id });
    await stack.settle();
    const again = await read(order.id);
    expect(again.version).toBe(cancelled.version);
    expect(again.history.filter((h: { action: string }) => h.action === 'cancelled')).toHaveLength(1);
    expect(
      stack.mailbox.list().filter((m) => m.template === 'order-cancelled' && m.subject.includes(order.number)),
    ).toHaveLength(1);
  });

  it('withdraws the change request still open on a cancelled order and stops its workflow', async () => {
    const order = await place(50, 'HX-CAN-8');
    await decide(people.merchandiser, order.number, { outcome: 'approve' });
    await decide(people.planning, order.number, { outcome: 'approve' });
    await decide(people.pmc, order.number, { outcome: 'approve', promisedDate: '2027-02-20' });
    const change = await call('POST', `/orders/${order.id}/change-requests`, {
      as: asCustomer,
      body: {
        reason: 'more sets',
        lines: [{ op: 'change', line: 1, quantity: 60, components: kitLine(60).components }],
      },
    });
    expect(change.status).toBe(201);
    await stack.settle();
    const [assessment] = requestsTo(people.pmc, order.number);
    const assessmentLink = assessment?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect(assessment?.subject).not.toContain('Promise');
    expect(execution(`order-change-${change.body.id}`)?.status).toBe('RUNNING');

    expect((await cancel(order.id, 'the whole project is off')).status).toBe(202);
    await decide(people.salesManager, order.number, { outcome: 'approve' });

    expect((await read(order.id)).status).toBe('cancelled');
    expect(execution(`order-intake-${order.id}`)?.status).toBe('ABORTED');
    expect(execution(`order-change-${change.body.id}`)?.status).toBe('ABORTED');
    const withdrawn = await call('GET', `/orders/${order.id}/change-requests/${change.body.id}`, { as: asCustomer });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await postDecision(assessmentLink, { outcome: 'approve' })).status).toBe(410);
    const history = (await read(order.id)).history.map((h: { action: string }) => h.action);
    expect(history.slice(-2)).toEqual(['cancelled', 'change withdrawn']);
  });

  it("refuses in writing: the customer gets the decider's reason and the order is unchanged", async () => {
    const order = await place(50, 'HX-CAN-4');
    const before = await read(order.id);
    expect((await cancel(order.id, 'changed our mind')).status).toBe(202);
    const noReason = await decide(people.salesManager, order.number, { outcome: 'reject' });
    expect(noReason.status).toBe(400);
    await decide(people.salesManager, order.number, {
      outcome: 'reject',
      comment: '铝材已按订单下料 Material already cut',
    });

    const after = await read(order.id);
    expect(after).toMatchObject({ status: before.status, version: before.version });
    expect(after.cancellation).toBeUndefined();
    expect(after.history.at(-1)).toMatchObject({ action: 'cancellation refused', actor: people.salesManager });
    const refusal = latestMail(stack, 'cancellation-refused', people.customer);
    expect(refusal.subject).toContain(order.number);
    expect(refusal.text).toContain('铝材已按订单下料 Material already cut');
    expect((await call('GET', `/orders/${order.id}/cancellation`, { as: asMerchandiser })).body).toMatchObject({
      status: 'refused',
      decidedBy: people.salesManager,
      decisionReason: '铝材已按订单下料 Material already cut',
    });
    // The customer reads the decider's written reason, not who decided.
    const refused = (await call('GET', `/orders/${order.id}/cancellation`, { as: asCustomer })).body;
    expect(refused).toMatchObject({ status: 'refused', decisionReason: '铝材已按订单下料 Material already cut' });
    expect(refused).not.toHaveProperty('decidedBy');
    expect(execution(`order-intake-${order.id}`)?.status).toBe('RUNNING');
    // Decided: the order may be asked about again.
    expect((await cancel(order.id, 'asking again')).status).toBe(202);
  });

  it('takes one request at a time, and a retried request (same Idempotency-Key) gives the same answer', async () => {
    const order = await place(50, 'HX-CAN-5');
    const key = { 'idempotency-key': `cancel-${order.id}` };
    const first = await cancel(order.id, 'duplicate order', asCustomer, key);
    expect(first.status).toBe(202);
    const retried = await cancel(order.id, 'duplicate order', asCustomer, key);
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(first.body);
    const second = await cancel(order.id, 'duplicate order, really', asMerchandiser);
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain('already has a cancellation waiting');

    const { Items = [] } = await port('table').client.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': `ORDER#${order.id}`, ':c': 'CANCELLATION#' },
      }),
    );
    expect(Items.map((item) => item.id)).toEqual([first.body.id]);
    expect(requestsTo(people.salesManager, order.number)).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key on another order (422) instead of replaying the first order’s answer', async () => {
    const [one, two] = [await place(50, 'HX-CAN-K1'), await place(50, 'HX-CAN-K2')];
    const key = { 'idempotency-key': 'cancel-the-duplicate' };
    expect((await cancel(one.id, 'duplicate order', asCustomer, key)).status).toBe(202);
    const other = await cancel(two.id, 'duplicate order', asCustomer, key);
    expect(other.status).toBe(422);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect((await call('GET', `/orders/${two.id}/cancellation`, { as: asCustomer })).status).toBe(404);
  });

  it('refuses to cancel an ended order, a bad body, another customer’s order and other roles', async () => {
    const order = await place(50, 'HX-CAN-6');
    await cancel(order.id, 'first');
    await decide(people.salesManager, order.number, { outcome: 'approve' });
    expect((await read(order.id)).status).toBe('cancelled');

    const again = await cancel(order.id, 'once more');
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('cancelled');

    const other = await place(50, 'HX-CAN-7');
    const empty = await call('POST', `/orders/${other.id}/cancellation`, { as: asCustomer, body: { reason: ' ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const unknown = await call('POST', `/orders/${other.id}/cancellation`, {
      as: asCustomer,
      body: { reason: 'x', refund: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual({ field: 'refund', message: 'is not a known field' });
    const asOtherCustomer = { role: 'customer' as const, email: 'x@jinan.example', customerId: customerIds['003'] };
    expect((await cancel(other.id, 'not mine', asOtherCustomer)).status).toBe(404);
    expect((await call('GET', `/orders/${other.id}/cancellation`, { as: asOtherCustomer })).status).toBe(404);
    expect((await cancel(other.id, 'not my role', { role: 'warehouse' })).status).toBe(403);
    expect((await call('GET', `/orders/${other.id}/cancellation`, { as: asCustomer })).status).toBe(404);
    expect((await read(other.id)).status).toBe('in_review');
  });

  it('leaves no TTL on what must be kept, and epoch seconds on what may expire (a scan after the whole flow)', async () => {
    await stack.settle();
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(100);
  });
});
