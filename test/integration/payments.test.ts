import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { addDays, calendarDateIn } from '../../shared/domain/lead-time.ts';
import { port } from '../../shared/runtime.ts';
import { CustomerPayment } from '../../shared/schemas/payment.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { passOnboarding, takeThroughIntake } from './approvals.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

const finance = { role: 'finance' as const, email: demoPeople.financeOnDuty };
const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
/** The company's today: the latest day money can have arrived on. */
const today = () => calendarDateIn(port('clock').now(), companyTimeZone);
/** 50 handle sets at ¥85.00: ¥4,250.00, of which the deposit customer 001 pays 30 % (¥1,275.00) first (R9). */
const kitLine = {
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity: 50,
  components: doc000KitComponents.map((c) => ({ ...c, quantity: c.productCode === 'M5X75' ? 100 : 50 })),
};

describe('payments (R9): recorded once, against an order, releasing its intake when they reach the deposit', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const huaxin = customerIds['001'] as string;
  const jinan = customerIds['003'] as string;
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };

  const place = async (po: string, customerId = huaxin) => {
    const placed = await call('POST', '/orders', {
      as: merchandiser,
      body: { customerId, poNumber: po, channel: 'email', requestedDate: '2027-03-01', lines: [kitLine] },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    return placed.body as { id: string; number: string; totals: { amount: number; depositDue: number } };
  };
  const read = async (id: string) => (await call('GET', `/orders/${id}`, { as: merchandiser })).body;
  const intake = (orderId: string) => stack.workflows.executions().find((e) => e.name === `order-intake-${orderId}`);
  const pay = (body: Record<string, unknown>, key = `pay-${crypto.randomUUID()}`) =>
    call('POST', '/payments', { as: finance, headers: { 'idempotency-key': key }, body });
  const deposit = (order: { id: string }, amount: number, reference: string, receivedOn = today()) => ({
    customerId: huaxin,
    orderId: order.id,
    kind: 'deposit',
    amount,
    currency: 'CNY',
    method: 'bank-transfer',
    reference,
    receivedOn,
  });

  it('releases an order to production only once two partial payments reach its deposit, through the ASL', async () => {
    const order = await place('PAY-1');
    expect(order.totals).toEqual({ amount: 4250, depositDue: 1275 });
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-03-01' });
    expect((await read(order.id)).status).toBe('awaiting_deposit');

    const first = await pay(deposit(order, 500, 'ICBC-PAY1-A', addDays(today(), -1)));
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/payments/${first.body.id}`);
    expect(first.body).toMatchObject({
      kind: 'deposit',
      amount: 500,
      recordedBy: finance.email,
      orderNumber: order.number,
    });
    await stack.settle();
    const partly = await read(order.id);
    expect(partly).toMatchObject({
      status: 'awaiting_deposit',
      paid: { depositReceived: 500, paidTotal: 500, balanceDue: 3750 },
    });
    expect(partly.depositReceivedOn).toBeUndefined();
    expect(intake(order.id)?.status).toBe('RUNNING');

    expect((await pay(deposit(order, 775, 'ICBC-PAY1-B'))).status).toBe(201);
    await stack.settle();
    const released = await read(order.id);
    expect(released).toMatchObject({
      status: 'in_production',
      depositReceivedOn: today(),
      received: { deposit: 1275, balance: 0 },
      paid: { depositReceived: 1275, paidTotal: 1275, balanceDue: 2975 },
    });
    expect(released.history.slice(-4).map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
      ['payment recorded', finance.email],
      ['deposit received', finance.email],
      ['confirmed with its deposit', 'workflow:order-intake'],
      ['released to production', 'workflow:order-intake'],
    ]);
    expect(released.approvals.map((a: { step: string }) => a.step)).not.toContain('deposit');
    expect(intake(order.id)?.status).toBe('SUCCEEDED');
    // The customer reads what it has paid on its order, and its payments without who recorded them.
    const own = await call('GET', `/orders/${order.id}`, { as: asHuaxin });
    expect(own.body.paid).toEqual({ depositReceived: 1275, paidTotal: 1275, balanceDue: 2975 });
  });

  it('sees at once a deposit paid before the intake came to wait for it (read again after registering)', async () => {
    const order = await place('PAY-2');
    expect((await pay(deposit(order, 1275, 'ICBC-PAY2'))).status).toBe(201);
    await stack.settle();
    expect(await read(order.id)).toMatchObject({ status: 'in_review', depositReceivedOn: today() });
    await takeThroughIntake(stack, order.number, { promisedDate: '2027-03-01' });
    await stack.settle();
    expect((await read(order.id)).status).toBe('in_production');
    expect(intake(order.id)?.status).toBe('SUCCEEDED');
  });

  it('records the same payment sent twice at the same moment once: one 201, one 409 naming it', async () => {
    const order = await place('PAY-3');
    const body = deposit(order, 300, 'ICBC-SAME-1');
    const both = await Promise.all([
      pay(body, 'same-key-a'),
      pay({ ...body, reference: ' icbc-same-1 ' }, 'same-key-b'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const [recorded, refused] = both[0]?.status === 201 ? both : [both[1], both[0]];
    expect(refused?.body.errors).toEqual([
      { field: 'reference', message: `is recorded already as ${recorded?.body.id}` },
    ]);
    expect(refused?.body.detail).toContain(recorded?.body.id);
    const winner = recorded?.body.id as string;
    const key = both[0]?.status === 201 ? 'same-key-a' : 'same-key-b';
    const winning = both[0]?.status === 201 ? body : { ...body, reference: ' icbc-same-1 ' };

    // A retry of the recorded request gets its first answer; the same receipt under another key gets 409.
    const retry = await pay(winning, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(winner);
    expect((await pay(body, 'same-key-c')).status).toBe(409);
    expect((await read(order.id)).paid).toMatchObject({ depositReceived: 300, paidTotal: 300 });
  });

  it('refuses bad fields with 400 naming each, and writes nothing', async () => {
    const order = await place('PAY-4');
    const jinanOrder = await place('PAY-JN', jinan);
    const good = deposit(order, 100, 'ICBC-BAD');
    const refused = async (body: Record<string, unknown>) => {
      const answer = await pay(body);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      return answer.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await refused({ ...good, receivedOn: addDays(today(), 1) })).toEqual(['receivedOn']);
    expect(await refused({ ...good, currency: 'USD' })).toEqual(['currency']);
    expect(await refused({ ...good, amount: -5 })).toEqual(['amount']);
    expect(await refused({ ...good, amount: 0 })).toEqual(['amount']);
    expect(await refused({ ...good, amount: 1_000_000_000_001 })).toEqual(['amount']);
    expect(await refused({ ...good, amount: 5000 })).toEqual(['amount']); // more than the ¥4,250.00 due
    expect(await refused({ ...good, orderId: 'ord_01J00000000000000000000000' })).toEqual(['orderId']);
    expect(await refused({ ...good, orderId: jinanOrder.id })).toEqual(['orderId']);
    expect(await refused({ ...good, customerId: 'cus_01J00000000000000000000000' })).toEqual(['customerId']);
    // Read together, they are refused as when read one after another: the customer first.
    expect(
      await refused({
        ...good,
        customerId: 'cus_01J00000000000000000000000',
        orderId: 'ord_01J00000000000000000000000',
      }),
    ).toEqual(['customerId']);
    expect(await refused({ ...good, reference: '  ' })).toEqual(['reference']);
    expect(await refused({ ...good, kind: 'other' })).toEqual(['orderId']);
    const { reference, ...noReference } = good;
    expect(await refused(noReference)).toEqual(['reference']);
    expect((await read(order.id)).paid).toEqual({ depositReceived: 0, paidTotal: 0, balanceDue: 4250 });
    expect(
      (await call('GET', `/customers/${huaxin}/payments?limit=100`, { as: finance })).body.items,
    ).not.toContainEqual(expect.objectContaining({ reference: 'ICBC-BAD' }));
  });

  it('lets finance and managers record; customers read their own payments only, without who recorded them', async () => {
    const other = {
      customerId: huaxin,
      kind: 'other',
      amount: 88.8,
      currency: 'CNY',
      method: 'cash',
      reference: 'CASH-0001',
      receivedOn: today(),
      notes: 'samples',
    };
    const asWarehouse = { role: 'warehouse' as const };
    expect((await call('POST', '/payments', { as: asWarehouse, body: other })).status).toBe(403);
    expect((await call('POST', '/payments', { as: asHuaxin, body: other })).status).toBe(403);
    const recorded = await call('POST', '/payments', {
      as: { role: 'gm', email: demoPeople.generalManager },
      body: other,
    });
    expect(recorded.status).toBe(201);
    const id = recorded.body.id as string;

    const staffView = await call('GET', `/payments/${id}`, { as: finance });
    expect(staffView.body).toMatchObject({ recordedBy: demoPeople.generalManager, notes: 'samples' });
    const customerView = await call('GET', `/payments/${id}`, { as: asHuaxin });
    expect(customerView.status).toBe(200);
    expect(CustomerPayment.strict().parse(customerView.body)).toMatchObject({ amount: 88.8, reference: 'CASH-0001' });
    const asJinan = { role: 'customer' as const, email: 'finance@jinan-alu.example', customerId: jinan };
    expect((await call('GET', `/payments/${id}`, { as: asJinan })).status).toBe(404);
    expect((await call('GET', `/customers/${huaxin}/payments`, { as: asJinan })).status).toBe(404);
    expect((await call('GET', `/payments/${id}`, { as: asWarehouse })).status).toBe(403);
    expect((await call('GET', '/payments/pay_01J00000000000000000000000', { as: finance })).status).toBe(404);
  });

  it("lists a customer's payments, the latest received first, a page at a time", async () => {
    const all = (await call('GET', `/customers/${huaxin}/payments?limit=100`, { as: finance })).body.items;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const days = all.map((p: { receivedOn: string }) => p.receivedOn);
    expect(days).toEqual([...days].sort().reverse());
    const first = await call('GET', `/customers/${huaxin}/payments?limit=2`, { as: finance });
    expect(first.body.items).toEqual(all.slice(0, 2));
    const second = await call('GET', `/customers/${huaxin}/payments?limit=2&cursor=${first.body.next}`, {
      as: finance,
    });
    expect(second.body.items).toEqual(all.slice(2, 4));
    const own = await call('GET', `/customers/${huaxin}/payments?limit=100`, { as: asHuaxin });
    expect(own.body.items).toHaveLength(all.length);
    for (const payment of own.body.items) expect(payment).not.toHaveProperty('recordedBy');
    const forged = await call(
      'GET',
      `/customers/${huaxin}/payments?cursor=${Buffer.from(JSON.stringify({ gsi2pk: `SUBJECT#customer#${huaxin}`, gsi2sk: 'ORDER#x', pk: 'x', sk: 'y' })).toString('base64url')}`,
      { as: finance },
    );
    expect(forged.status).toBe(400);
    // The customer and its payments are read together: no customer is a 404 before any cursor is looked at.
    const nobody = 'cus_01J00000000000000000000000';
    const forgedForNobody = await call('GET', `/customers/${nobody}/payments?cursor=not-a-cursor`, { as: finance });
    expect(forgedForNobody.status).toBe(404);
    expect((await call('GET', `/customers/${huaxin}/payments?cursor=not-a-cursor`, { as: finance })).status).toBe(400);
  });

  it('keeps payments and their reference guards for ever, and lets only the waiters expire (a scan after the flows)', async () => {
    await stack.settle();
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(50);
  });
});
