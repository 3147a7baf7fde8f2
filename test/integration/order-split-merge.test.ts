import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoCustomers, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { changeRequestKeys } from '../../shared/persistence/change-requests.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { intakeApprovers, passOnboarding, takeThroughIntake } from './approvals.ts';
import { testStack } from './stack.ts';

const kit = {
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity: 50,
  components: doc000KitComponents.map((c) => (c.productCode === 'CYL75-3045' ? { ...c, quantity: 50 } : c)),
};
const rods = (quantity: number) => ({ productCode: 'CHJ01B-800', description: '欧槽铝连杆 800', quantity });

describe('split and merge (R24)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const merchandiser = { role: 'merchandiser' as const, email: intakeApprovers.merchandiser };

  const place = async (customer: string, po: string, lines: unknown[]) => {
    const placed = await call('POST', '/orders', {
      as: merchandiser,
      body: { customerId: customerIds[customer], poNumber: po, channel: 'email', requestedDate: '2027-02-01', lines },
    });
    expect(placed.status).toBe(201);
    return placed.body as { id: string; number: string };
  };
  const read = async (id: string) => (await call('GET', `/orders/${id}`, { as: merchandiser })).body;
  const execution = (orderId: string) =>
    stack.workflows.executions().find((e) => e.name === `order-intake-${orderId}`)?.status;
  // Four orders of the deposit customer 001, each past PMC's promise and waiting for its deposit (R9).
  const a = await place('001', 'SM-A', [kit, rods(100)]);
  const b = await place('001', 'SM-B', [rods(120)]);
  const c = await place('001', 'SM-C', [rods(150)]);
  const d = await place('001', 'SM-D', [kit]);
  await takeThroughIntake(stack, a.number, { promisedDate: '2027-02-20' });
  await takeThroughIntake(stack, b.number, { promisedDate: '2027-03-05' });
  await takeThroughIntake(stack, c.number, { promisedDate: '2027-02-25' });
  await takeThroughIntake(stack, d.number, { promisedDate: '2027-02-28' });

  it('has taken the orders to awaiting_deposit, each intake waiting for its deposit (R9)', async () => {
    for (const order of [a, b, c, d]) {
      expect((await read(order.id)).status).toBe('awaiting_deposit');
      expect(execution(order.id)).toBe('RUNNING');
    }
  });

  it('splits an order into deliveries on the version read', async () => {
    const current = await read(a.id);
    const deliveries = [
      {
        requestedDate: '2027-02-10',
        lines: [
          { line: 1, quantity: 50 },
          { line: 2, quantity: 40 },
        ],
      },
      { requestedDate: '2027-02-25', lines: [{ line: 2, quantity: 60 }] },
    ];
    const path = `/orders/${a.id}/deliveries`;

    expect((await call('PUT', path, { as: merchandiser, body: { deliveries } })).status).toBe(428);
    expect(
      (await call('PUT', path, { as: { role: 'customer' }, body: { deliveries }, headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(403);

    const wrong = await call('PUT', path, {
      as: merchandiser,
      headers: { 'if-match': `"${current.version}"` },
      body: {
        deliveries: [deliveries[0], { requestedDate: '2027-02-25', lines: [{ line: 9, quantity: 50 }] }],
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { field: 'deliveries.1.lines.0.line', message: `is not a line of order ${a.number}` },
      { field: 'lines', message: 'line 2: 40 of 100 allocated' },
    ]);

    const stale = await call('PUT', path, {
      as: merchandiser,
      headers: { 'if-match': `"${current.version - 1}"` },
      body: { deliveries },
    });
    expect(stale.status).toBe(409);

    const split = await call('PUT', path, {
      as: merchandiser,
      headers: { 'if-match': `"${current.version}"` },
      body: { deliveries },
    });
    expect(split.status).toBe(200);
    expect(split.headers.get('etag')).toBe(`"${current.version + 1}"`);
    expect(split.body.deliveries.map((x: { delivery: number }) => x.delivery)).toEqual([1, 2]);
    const history = (await read(a.id)).history.at(-1);
    expect(history).toMatchObject({ action: 'split into 2 deliveries', actor: intakeApprovers.merchandiser });
    expect(history.changes[0]).toMatchObject({ field: 'deliveries', before: [] });
  });

  it('merges an order into another: one revision more, the other merged, its intake stopped', async () => {
    const survivor = await read(a.id);
    const absorbed = await read(b.id);
    const request = {
      as: merchandiser,
      headers: { 'if-match': `"${survivor.version}"`, 'idempotency-key': `merge-${b.id}` },
      body: { orderId: b.id, otherVersion: absorbed.version },
    };
    const merged = await call('POST', `/orders/${a.id}/merge`, request);
    expect(merged.status).toBe(200);
    expect(merged.headers.get('etag')).toBe(`"${survivor.version + 1}"`);
    expect(merged.body).toMatchObject({
      revision: survivor.revision + 1,
      mergedFrom: [b.id],
      promisedDate: '2027-03-05',
      status: 'awaiting_deposit',
    });
    expect(merged.body).not.toHaveProperty('deliveries');
    expect(merged.body.lines.map((l: { line: number; quantity: number }) => [l.line, l.quantity])).toEqual([
      [1, 50],
      [2, 100],
      [3, 120],
    ]);
    // 50 × 85 + 100 × 18.5 + 120 × 18.5 at the CNY list prices; 30 % deposit (R9)
    expect(merged.body.totals).toEqual({ amount: 8320, depositDue: 2496 });

    const gone = await read(b.id);
    expect(gone).toMatchObject({ status: 'merged', mergedInto: a.id });
    expect(gone.history.at(-1).action).toBe(`merged into ${a.number}`);
    expect((await read(a.id)).history.at(-1).action).toBe(`merged in ${b.number}`);
    // R42: the absorbed order's PO finds it and the order its lines went into.
    const byPo = await call('GET', '/orders?po=SM-B', { as: merchandiser });
    expect(byPo.body.items.map((o: { id: string }) => o.id).sort()).toEqual([a.id, b.id].sort());

    await stack.settle();
    expect(execution(b.id)).toBe('ABORTED');
    expect(execution(a.id)).toBe('RUNNING');

    const retry = await call('POST', `/orders/${a.id}/merge`, request);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(merged.body);
  });

  it('lets exactly one of two merges racing for the same order win', async () => {
    const [first, second, absorbed] = await Promise.all([read(a.id), read(d.id), read(c.id)]);
    const results = await Promise.all(
      [first, second].map((survivor) =>
        call('POST', `/orders/${survivor.id}/merge`, {
          as: merchandiser,
          body: { orderId: c.id, version: survivor.version, otherVersion: absorbed.version },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]?.status === 200 ? first : second;
    const loser = results[0]?.status === 200 ? second : first;
    expect(await read(c.id)).toMatchObject({ status: 'merged', mergedInto: winner.id });
    expect((await read(loser.id)).version).toBe(loser.version);
  });

  it('refuses while a change request waits on an order', async () => {
    // A and D are both still waiting for their deposits, whichever of them took C in.
    const [into, from] = await Promise.all([read(a.id), read(d.id)]);
    await port('table').client.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { ...changeRequestKeys.open(from.id), entity: 'open-change-request', requestId: 'chg_TEST' },
      }),
    );
    const refused = await call('POST', `/orders/${into.id}/merge`, {
      as: merchandiser,
      body: { orderId: from.id, version: into.version, otherVersion: from.version },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('has a change request waiting');
    expect(refused.body.errors).toEqual([{ field: 'orderId', message: 'has a change request waiting' }]);
    expect((await read(from.id)).status).toBe('awaiting_deposit');
  });

  it("refuses another customer's order, saying why", async () => {
    const other = await place('003', 'SM-OTHER', [rods(100)]);
    const [survivor, absorbed] = await Promise.all([read(a.id), read(other.id)]);
    const refused = await call('POST', `/orders/${a.id}/merge`, {
      as: merchandiser,
      body: { orderId: other.id, version: survivor.version, otherVersion: absorbed.version },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('different customers');
    expect(refused.body.errors).toEqual([{ field: 'orderId', message: 'is for another customer' }]);
  });

  it('refuses as when the orders were read one after the other: this order first, then the one named', async () => {
    const survivor = await read(a.id);
    const unknown = 'ord_01J00000000000000000000000';
    const merge = (into: string, body: object) => call('POST', `/orders/${into}/merge`, { as: merchandiser, body });
    const none = await merge(unknown, { orderId: unknown, version: 1, otherVersion: 1 });
    expect([none.status, none.body.detail]).toEqual([404, `Order ${unknown} does not exist.`]);
    const named = await merge(a.id, { orderId: unknown, version: survivor.version + 1, otherVersion: 1 });
    expect([named.status, named.body.errors]).toEqual([400, [{ field: 'orderId', message: 'is not an order' }]]);
  });
});
