import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoCustomers, demoSettings, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import {
  decideFromMail,
  latestMail,
  passOnboarding,
  intakeApprovers as people,
  takeThroughIntake,
} from './approvals.ts';
import { onTableCalls } from './faults.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

const customerEmail = 'finance@jinan-alu.example';
const depositCustomerEmail = 'li.wei@huaxin.example';

describe('order change (F2: R11–R15)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[2] as (typeof demoCustomers)[number]);
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const asCustomer = { role: 'customer' as const, email: customerEmail, customerId: customerIds['003'] as string };
  const asPmc = { role: 'pmc' as const, email: people.pmc };
  let po = 0;

  /** A monthly-settlement order (no deposit), placed and — unless `inIntake` — taken through intake to production. */
  const order = async ({ inIntake = false, as = asCustomer } = {}) => {
    const placed = await call('POST', '/orders', {
      as,
      body: {
        poNumber: `JN-${++po}`,
        channel: 'email',
        requestedDate: '2027-03-01',
        lines: [
          { productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 },
          { productCode: 'CZM04', description: '双面执手（左）', quantity: 100 },
        ],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    if (!inIntake) await takeThroughIntake(stack, placed.body.number, { promisedDate: '2027-03-01' });
    return (await call('GET', `/orders/${placed.body.id}`, { as })).body;
  };
  const requestChange = (orderId: string, body: unknown, headers: Record<string, string> = {}) =>
    call('POST', `/orders/${orderId}/change-requests`, { as: asCustomer, body, headers });
  /** The staff's view of a change request: its findings, the form's people, who ended it (customers see less). */
  const changeRequest = async (orderId: string, id: string) =>
    (await call('GET', `/orders/${orderId}/change-requests/${id}`, { as: asPmc })).body;

  it('approves a change to a line not yet in production: the order becomes revision 2 (R14, R15)', async () => {
    const placed = await order();
    expect(placed).toMatchObject({ status: 'in_production', revision: 1, totals: { amount: 6900 } });
    const asked = await requestChange(placed.id, {
      reason: '工程追加 more handles for the second building',
      lines: [{ op: 'change', line: 2, quantity: 150 }],
    });
    expect(asked.status).toBe(201);
    // R11: the proposed order beside the current one, reviewed like a new order (the review is the staff's).
    expect(asked.body).toMatchObject({
      status: 'assessing',
      baseRevision: 1,
      touchedLines: [2],
      current: { totals: { amount: 6900 } },
      proposed: { totals: { amount: 8500 } },
    });
    expect(asked.body).not.toHaveProperty('findings');
    expect((await changeRequest(placed.id, asked.body.id)).findings).toEqual([]);
    expect(asked.body.differences.map((d: { change: string }) => d.change)).toEqual(['unchanged', 'changed']);

    await decideFromMail(stack, people.pmc, asked.body.id, { outcome: 'approve', promisedDate: '2027-03-10' });
    expect((await changeRequest(placed.id, asked.body.id)).form).toMatchObject({
      orderNumber: placed.number,
      fromRevision: 1,
      toRevision: 2,
      assessedBy: people.pmc,
      after: { promisedDate: '2027-03-10', totals: { amount: 8500 } },
    });
    await decideFromMail(stack, people.planning, asked.body.id, { outcome: 'approve' });

    const changed = (await call('GET', `/orders/${placed.id}`, { as: asPmc })).body;
    expect(changed).toMatchObject({ revision: 2, promisedDate: '2027-03-10', totals: { amount: 8500 } });
    expect(changed.lines[1]).toMatchObject({ line: 2, quantity: 150, amount: 4800 });
    expect(changed.history.slice(-2).map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
      ['change requested', customerEmail],
      ['changed to revision 2', people.planning],
    ]);
    const revisions = (await call('GET', `/orders/${placed.id}/revisions`, { as: asPmc })).body.items;
    expect(
      revisions.map((r: { revision: number; by: string; approvedBy?: string }) => [r.revision, r.by, r.approvedBy]),
    ).toEqual([
      [1, customerEmail, undefined],
      [2, customerEmail, people.planning],
    ]);
    expect(revisions[1]).toMatchObject({ changeRequestId: asked.body.id, totals: { amount: 8500 } });
    // The customer reads the same revisions' terms, not who asked or approved them.
    const customerRevisions = (await call('GET', `/orders/${placed.id}/revisions`, { as: asCustomer })).body.items;
    expect(customerRevisions.map((r: { revision: number; by?: string }) => [r.revision, r.by])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
    expect((await changeRequest(placed.id, asked.body.id)).status).toBe('applied');

    const confirmation = latestMail(stack, 'order-changed', customerEmail);
    expect(confirmation.subject).toContain(placed.number);
    expect(confirmation.text).toContain('2027-03-10');
    const form = latestMail(stack, 'modification-form', demoSettings.PRODUCTION_EMAIL);
    expect(form.text).toContain('revision 1 → 2');
    expect(form.to).toEqual(expect.arrayContaining([people.pmc, people.planning, people.merchandiser]));
  });

  it('never closes over a decision made since the approval was read (a stale index entry)', async () => {
    const placed = await order();
    const approvals = approvalRepository(port('table'));
    const [decided] = await approvals.forSubject('order', placed.id);
    expect(decided?.status).toBe('decided');
    const stale = { ...(decided as NonNullable<typeof decided>), status: 'pending' as const };
    expect(await approvals.close(stale, 'superseded by a reminder', new Date())).toBe(false);
    expect((await approvals.find(stale.id))?.status).toBe('decided');
  });

  it('refuses in writing a change to a line already in production, naming the line (R12, R13)', async () => {
    const placed = await order();
    expect(
      (await call('POST', `/orders/${placed.id}/production-starts`, { as: asPmc, body: { lines: [1] } })).status,
    ).toBe(200);
    const asked = await requestChange(placed.id, {
      reason: 'longer rods',
      lines: [{ op: 'change', line: 1, quantity: 300 }],
    });
    expect(asked.status).toBe(201);
    await stack.settle();
    expect(await changeRequest(placed.id, asked.body.id)).toMatchObject({ status: 'refused', outcome: { lines: [1] } });
    const refusal = latestMail(stack, 'change-refused', customerEmail);
    expect(refusal.subject).toContain(placed.number);
    expect(refusal.text).toContain('第 1 行');
    expect(refusal.text).toContain('R12');
    expect(stack.mailbox.list().some((m) => m.to.includes(people.pmc) && m.subject.includes(asked.body.id))).toBe(
      false,
    );
    expect((await call('GET', `/orders/${placed.id}`, { as: asCustomer })).body).toMatchObject({ revision: 1 });
  });

  it("sends PMC's written refusal to the customer (R12 case A, R13)", async () => {
    const placed = await order();
    const asked = await requestChange(placed.id, { reason: 'drop the handles', lines: [{ op: 'remove', line: 2 }] });
    await decideFromMail(stack, people.pmc, asked.body.id, { outcome: 'reject', comment: '执手已备料，无法取消' });
    expect(await changeRequest(placed.id, asked.body.id)).toMatchObject({
      status: 'refused',
      outcome: { by: people.pmc, reason: '执手已备料，无法取消', lines: [2] },
    });
    expect(latestMail(stack, 'change-refused', customerEmail).text).toContain('执手已备料，无法取消');
  });

  it('refuses a change whose line went into production after PMC assessed it, applying nothing', async () => {
    const placed = await order();
    const asked = await requestChange(placed.id, {
      reason: 'fewer handles',
      lines: [{ op: 'change', line: 2, quantity: 60 }],
    });
    await decideFromMail(stack, people.pmc, asked.body.id, { outcome: 'approve', promisedDate: '2027-03-01' });
    await call('POST', `/orders/${placed.id}/production-starts`, { as: asPmc, body: { lines: [2] } });
    await decideFromMail(stack, people.planning, asked.body.id, { outcome: 'approve' });
    expect(await changeRequest(placed.id, asked.body.id)).toMatchObject({ status: 'refused', outcome: { lines: [2] } });
    const after = (await call('GET', `/orders/${placed.id}`, { as: asCustomer })).body;
    expect(after).toMatchObject({ revision: 1, totals: { amount: 6900 } });
    expect(after.lines[1]).toMatchObject({ quantity: 100 });
    expect((await call('GET', `/orders/${placed.id}/revisions`, { as: asCustomer })).body.items).toHaveLength(1);
  });

  it("ends with the planner's written rejection sent to the customer", async () => {
    const placed = await order();
    const asked = await requestChange(placed.id, { reason: 'later please', requestedDate: '2027-06-01' });
    await decideFromMail(stack, people.pmc, asked.body.id, { outcome: 'approve', promisedDate: '2027-06-01' });
    await decideFromMail(stack, people.planning, asked.body.id, {
      outcome: 'reject',
      comment: '仓储空间不足，无法延期',
    });
    expect((await changeRequest(placed.id, asked.body.id)).status).toBe('rejected');
    expect(latestMail(stack, 'change-refused', customerEmail).text).toContain('仓储空间不足');
    expect((await call('GET', `/orders/${placed.id}`, { as: asCustomer })).body.requestedDate).toBe('2027-03-01');
  });

  it('takes one change request at a time: of two sent at once, one is taken and the other gets 409', async () => {
    const placed = await order();
    const results = await Promise.all(
      [120, 130].map((quantity) =>
        requestChange(placed.id, { reason: `qty ${quantity}`, lines: [{ op: 'change', line: 2, quantity }] }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const items = (await call('GET', `/orders/${placed.id}/change-requests`, { as: asCustomer })).body.items;
    expect(items).toHaveLength(1);
  });

  it('answers a retried request (same Idempotency-Key) with the first response, taking the change once', async () => {
    const placed = await order();
    const body = {
      reason: 'add rods',
      lines: [{ op: 'add', productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 100 }],
    };
    const headers = { 'idempotency-key': `chg-${placed.id}` };
    const first = await requestChange(placed.id, body, headers);
    const again = await requestChange(placed.id, body, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body.proposed.lines.map((l: { line: number }) => l.line)).toEqual([1, 2, 3]);
    expect((await call('GET', `/orders/${placed.id}/change-requests`, { as: asCustomer })).body.items).toHaveLength(1);
  });

  it('refuses with 409 a change while the order is still in intake, and 400 for a bad request naming the field', async () => {
    const inIntake = await order({ inIntake: true });
    const early = await requestChange(inIntake.id, { reason: 'x', lines: [{ op: 'change', line: 1, quantity: 300 }] });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('intake');

    const placed = await order();
    const unknownLine = await requestChange(placed.id, {
      reason: 'x',
      lines: [{ op: 'change', line: 9, quantity: 300 }],
    });
    expect(unknownLine.status).toBe(400);
    expect(unknownLine.body.errors).toEqual([
      { field: 'lines.0.line', message: `is not a line of order ${placed.number}` },
    ]);
    const nothing = await requestChange(placed.id, { reason: 'x' });
    expect(nothing.status).toBe(400);
    const same = await requestChange(placed.id, { reason: 'x', lines: [{ op: 'change', line: 1, quantity: 200 }] });
    expect(same.status).toBe(400);
    const twice = await requestChange(placed.id, {
      reason: 'x',
      lines: [
        { op: 'change', line: 1, quantity: 300 },
        { op: 'remove', line: 1 },
      ],
    });
    expect(twice.body.errors).toEqual([{ field: 'lines.1.line', message: 'is changed twice in this request' }]);
    const other = { role: 'customer' as const, email: 'x@other.example', customerId: customerIds['001'] as string };
    const hidden = await call('POST', `/orders/${placed.id}/change-requests`, {
      as: other,
      body: { reason: 'x', requestedDate: '2027-05-01' },
    });
    expect(hidden.status).toBe(404);
  });

  it('refuses a change to an order merged between the read and the write, as a cancellation is refused (409)', async () => {
    const placed = await order();
    // Another order absorbs this one (R24) just after the handler read it, before its write.
    let merged = false;
    const stop = onTableCalls(async (operation, input) => {
      if (merged || operation !== 'TransactWriteItems' || !JSON.stringify(input).includes('OPEN#change')) return;
      merged = true;
      await port('table').client.send(
        new UpdateCommand({
          TableName: port('table').name,
          Key: { pk: `ORDER#${placed.id}`, sk: 'ORDER' },
          UpdateExpression: 'SET #status = :merged, mergedInto = :into',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':merged': 'merged', ':into': 'CNC9912260030DCN' },
        }),
      );
    });
    try {
      const asked = await requestChange(placed.id, { reason: 'x', lines: [{ op: 'change', line: 1, quantity: 300 }] });
      expect(merged).toBe(true);
      expect(asked.status).toBe(409);
      expect(asked.body.detail).toBe(
        `Order ${placed.number} was merged into CNC9912260030DCN; ask for the change on that order instead.`,
      );
    } finally {
      stop();
    }
    expect((await call('GET', `/orders/${placed.id}/change-requests`, { as: asCustomer })).body.items).toEqual([]);
  });

  it('refuses the same Idempotency-Key on another order (422) instead of replaying the first order’s answer', async () => {
    const [one, two] = [await order(), await order()];
    const body = { reason: 'more rods', lines: [{ op: 'change', line: 1, quantity: 300 }] };
    const key = { 'idempotency-key': 'change-more-rods' };
    expect((await requestChange(one.id, body, key)).status).toBe(201);
    const other = await requestChange(two.id, body, key);
    expect(other.status).toBe(422);
    expect((await call('GET', `/orders/${two.id}/change-requests`, { as: asCustomer })).body.items).toEqual([]);
  });

  it('changes an order still waiting for its deposit without disturbing intake: the deposit then releases revision 2', async () => {
    const asDepositCustomer = {
      role: 'customer' as const,
      email: depositCustomerEmail,
      customerId: customerIds['001'] as string,
    };
    const placed = await call('POST', '/orders', {
      as: asDepositCustomer,
      body: {
        poNumber: 'HX-CHG-1',
        channel: 'platform',
        requestedDate: '2027-03-01',
        lines: [{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 }],
      },
    });
    await stack.settle();
    await takeThroughIntake(stack, placed.body.number, { promisedDate: '2027-03-01' });
    expect((await call('GET', `/orders/${placed.body.id}`, { as: asDepositCustomer })).body.status).toBe(
      'awaiting_deposit',
    );
    const asked = await call('POST', `/orders/${placed.body.id}/change-requests`, {
      as: asDepositCustomer,
      body: { reason: 'more rods', lines: [{ op: 'change', line: 1, quantity: 400 }] },
    });
    await decideFromMail(stack, people.pmc, asked.body.id, { outcome: 'approve', promisedDate: '2027-03-05' });
    await decideFromMail(stack, people.planning, asked.body.id, { outcome: 'approve' });
    const changed = (await call('GET', `/orders/${placed.body.id}`, { as: asDepositCustomer })).body;
    // R9: 30 % of 7,400.00; the deposit due follows the new revision.
    expect(changed).toMatchObject({
      status: 'awaiting_deposit',
      revision: 2,
      totals: { amount: 7400, depositDue: 2220 },
    });

    const receivedOn = calendarDateIn(port('clock').now(), companyTimeZone);
    // R9: the deposit of revision 2, recorded by finance, releases it.
    const paid = await call('POST', '/payments', {
      as: { role: 'finance', email: people.finance },
      body: {
        customerId: customerIds['001'],
        orderId: placed.body.id,
        kind: 'deposit',
        amount: 2220,
        currency: 'CNY',
        method: 'bank-transfer',
        reference: 'HX-CHG-1-DEPOSIT',
        receivedOn,
      },
    });
    expect(paid.status).toBe(201);
    await stack.settle();
    const released = (await call('GET', `/orders/${placed.body.id}`, { as: asDepositCustomer })).body;
    expect(released).toMatchObject({ status: 'in_production', revision: 2, depositReceivedOn: receivedOn });
    expect(released.lines[0].quantity).toBe(400);
  });

  it('leaves no TTL on what must be kept, and epoch seconds on what may expire (a scan after the whole flow)', async () => {
    await stack.settle();
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(100);
  });
});
