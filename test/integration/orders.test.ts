import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { wallClock } from '../../shared/domain/lead-time.ts';
import { orderNumber } from '../../shared/domain/order-number.ts';
import { port } from '../../shared/runtime.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { onTableCalls } from './faults.ts';
import { testStack } from './stack.ts';

const merchandiser = { role: 'merchandiser' as const, email: 'wang.fang@factory.example' };

/** Doc 000's kit line as a customer writes it: 50 handle sets, but only 30 cylinders (R2). */
const kitLine = {
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity: 50,
  components: doc000KitComponents,
};
const order = (overrides: Record<string, unknown> = {}) => ({
  poNumber: 'HX-PO-7781',
  channel: 'email',
  lines: [kitLine, { productCode: 'CHJ01B-800', description: '欧槽铝连杆 800', quantity: 200 }],
  requestedDate: '2027-01-15',
  deliveryContact: { name: '李伟', phone: '+86 757 8888 0001' },
  ...overrides,
});

describe('placing orders (F1 steps 1–3)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const huaxin = customerIds['001'] as string;
  const northwind = customerIds['002'] as string;
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };

  it('reviews, prices and numbers an order at once: the kit line with too few cylinders is caught (R2, R3, R9)', async () => {
    const placed = await call('POST', '/orders', { as: merchandiser, body: order({ customerId: huaxin }) });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      customerId: huaxin,
      customerCode: '001',
      poNumber: 'HX-PO-7781',
      currency: 'CNY',
      status: 'in_review',
      totals: { amount: 7950, depositDue: 2385 },
    });
    expect(placed.body.number).toMatch(/^CNC001\d{4}\d{2}$/);
    expect(placed.body.findings).toEqual([
      expect.objectContaining({ code: 'kit-quantity-mismatch', severity: 'blocking', line: 1 }),
    ]);
    expect(placed.body.findings[0].message).toContain('CYL75-3045');
    expect(placed.body.lines[0]).toMatchObject({
      line: 1,
      listPrice: 85,
      unitPrice: 85,
      amount: 4250,
      productType: 'C',
    });

    const read = await call('GET', `/orders/${placed.body.id}`, { as: merchandiser });
    expect(read.status).toBe(200);
    // The first entry; the intake workflow may already have added its own (it runs as soon as the event is out).
    expect(read.body.history[0]).toEqual(expect.objectContaining({ action: 'placed', actor: merchandiser.email }));
    // The customer's view of the same order: its placing, but not who in the company entered it (order-intake tests).
    const own = await call('GET', `/orders/${placed.body.id}`, { as: asHuaxin });
    expect(own.body.history[0]).toEqual({ at: read.body.history[0].at, action: 'placed' });
  });

  it("lets a customer's system order for itself only, and hides other customers' orders from it", async () => {
    const own = await call('POST', '/orders', { as: asHuaxin, body: order({ poNumber: 'HX-PO-7782' }) });
    expect(own.status).toBe(201);
    expect(own.body.customerId).toBe(huaxin);
    expect((await call('POST', '/orders', { as: asHuaxin, body: order({ customerId: northwind }) })).status).toBe(403);
    const other = await call('POST', '/orders', { as: merchandiser, body: order({ customerId: northwind }) });
    expect((await call('GET', `/orders/${other.body.id}`, { as: asHuaxin })).status).toBe(404);
    const mine = await call('GET', `/orders?customer=${northwind}`, { as: asHuaxin });
    expect(mine.body.items.every((o: { customerId: string }) => o.customerId === huaxin)).toBe(true);
  });

  it('answers a retry with the same Idempotency-Key with the first order, never a second one', async () => {
    const headers = { 'idempotency-key': 'po-7790-first-send' };
    const body = order({ customerId: northwind, poNumber: 'NW-7790' });
    const [first, second] = await Promise.all([
      call('POST', '/orders', { as: merchandiser, body, headers }),
      call('POST', '/orders', { as: merchandiser, body, headers }),
    ]);
    expect(second.body).toEqual(first.body);
    const listed = await call('GET', `/orders?customer=${northwind}&limit=100`, { as: merchandiser });
    expect(listed.body.items.filter((o: { poNumber: string }) => o.poNumber === 'NW-7790')).toHaveLength(1);
  });

  it('numbers concurrent orders of one customer uniquely, each with its own sequence (R3)', async () => {
    const placed = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call('POST', '/orders', { as: merchandiser, body: order({ customerId: huaxin, poNumber: `HX-C-${i}` }) }),
      ),
    );
    expect(placed.map((p) => p.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = placed.map((p) => p.body.number as string);
    expect(new Set(numbers).size).toBe(6);
    expect(new Set(numbers.map((n) => n.slice(0, -2))).size).toBe(1);
  });

  it('numbers again when DynamoDB cancels the write for a concurrent transaction (TransactionConflict), as for a lost race', async () => {
    const sequence = async () =>
      (
        await port('table').client.send(
          new GetCommand({
            TableName: stack.tableName,
            Key: { pk: `ORDER_SEQUENCE#${northwind}`, sk: 'ORDER_SEQUENCE' },
          }),
        )
      ).Item?.last as number | undefined;
    const before = await sequence();
    // DynamoDB Local never raises it: the first numbering write is cancelled as DynamoDB cancels it on AWS.
    let cancelled = 0;
    const stop = onTableCalls((operation, input) => {
      if (operation !== 'TransactWriteItems' || cancelled > 0 || !JSON.stringify(input).includes('ORDER_SEQUENCE#'))
        return;
      cancelled++;
      throw new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
      });
    });
    try {
      const placed = await call('POST', '/orders', {
        as: merchandiser,
        body: order({ customerId: northwind, poNumber: 'NW-CONFLICT' }),
      });
      expect(cancelled).toBe(1);
      expect(placed.status).toBe(201);
      expect(await sequence()).toBe((before ?? 0) + 1);
      const listed = await call('GET', `/orders?customer=${northwind}&limit=100`, { as: merchandiser });
      expect(listed.body.items.filter((o: { poNumber: string }) => o.poNumber === 'NW-CONFLICT')).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('refuses the 100th order of a customer in one month in writing, before numbering anything (R3)', async () => {
    const jinan = customerIds['003'] as string;
    const now = port('clock').now();
    const { year, month } = wallClock(now, companyTimeZone);
    const thisMonth = `${year}-${String(month).padStart(2, '0')}`;
    // 99 orders of customer 003 numbered this month, the last one 99: the sequence's next number, 01, is this month's.
    const first = orderNumber({
      region: 'CN',
      productType: 'C',
      customerCode: '003',
      date: now,
      sequence: 1,
      timeZone: companyTimeZone,
    });
    const table = port('table');
    for (const Item of [
      {
        pk: `ORDER_SEQUENCE#${jinan}`,
        sk: 'ORDER_SEQUENCE',
        entity: 'order-sequence',
        last: 99,
        month: thisMonth,
        inMonth: 99,
      },
      { pk: `ORDER_NUMBER#${first}`, sk: 'ORDER_NUMBER', entity: 'unique', orderId: 'ord_earlier' },
    ]) {
      await table.client.send(new PutCommand({ TableName: table.name, Item }));
    }
    const refused = await call('POST', '/orders', {
      as: merchandiser,
      body: order({ customerId: jinan, poNumber: 'JN-100' }),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/Customer 003 has 99 orders numbered in \d{4}-\d{2}/);
    expect(refused.body.detail).toContain('change request');
    expect(refused.body.detail).not.toMatch(/retry/i);
    const listed = await call('GET', `/orders?customer=${jinan}`, { as: merchandiser });
    expect(listed.body.items).toEqual([]);
  });

  it('refuses malformed input with 400 naming each field, storing nothing', async () => {
    const before = (await call('GET', `/orders?customer=${huaxin}&limit=100`, { as: merchandiser })).body.items.length;
    const bad = await call('POST', '/orders', {
      as: merchandiser,
      body: order({
        customerId: huaxin,
        channel: 'pigeon',
        lines: [{ productCode: 'CZM04', quantity: 0 }],
        requestedDate: '2027-13-01',
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'channel',
      'lines.0.description',
      'lines.0.quantity',
      'requestedDate',
    ]);
    expect((await call('POST', '/orders', { as: merchandiser, body: order() })).body.errors).toEqual([
      { field: 'customerId', message: 'is required when staff enter an order' },
    ]);
    const after = (await call('GET', `/orders?customer=${huaxin}&limit=100`, { as: merchandiser })).body.items.length;
    expect(after).toBe(before);
  });

  it('lists orders newest first from an index, by customer, by status, or all, a page at a time', async () => {
    // Intake has run meanwhile: these orders, with blocking findings (30 cylinders for 50 kits), wait for the
    // merchandiser's review (R2).
    await stack.settle();
    const byCustomer = await call('GET', `/orders?customer=${huaxin}&limit=3`, { as: merchandiser });
    expect(byCustomer.body.items).toHaveLength(3);
    const dates = byCustomer.body.items.map((o: { createdAt: string }) => o.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const next = await call('GET', `/orders?customer=${huaxin}&limit=3&cursor=${byCustomer.body.next}`, {
      as: merchandiser,
    });
    expect(next.body.items[0].createdAt <= dates[2]).toBe(true);
    const inReview = await call('GET', '/orders?status=in_review&limit=100', { as: merchandiser });
    expect(inReview.body.items.length).toBeGreaterThanOrEqual(10);
    expect((await call('GET', '/orders?status=rejected', { as: merchandiser })).body.items).toEqual([]);
    const none = await call('GET', `/orders?customer=${huaxin}&status=in_production`, { as: merchandiser });
    expect(none.body.items).toEqual([]);
    const all = await call('GET', '/orders?limit=100&from=2000-01-01', { as: merchandiser });
    expect(all.body.items.length).toBe(inReview.body.items.length);
    expect((await call('GET', '/orders?to=2000-01-01', { as: merchandiser })).body.items).toEqual([]);
  });
});
