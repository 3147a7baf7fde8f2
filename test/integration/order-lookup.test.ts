import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../../scripts/offline/demo-data.ts';
import { orderItem } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import type { Order } from '../../shared/schemas/order.ts';
import { testStack } from './stack.ts';

const merchandiser = { role: 'merchandiser' as const, email: 'wang.fang@factory.example' };
const line = { productCode: 'CHJ01B-800', description: '欧槽铝连杆 800', quantity: 200 };
const numbers = (page: { items: { number: string }[] }) => page.items.map((order) => order.number).sort();

describe('finding orders by number, PO number and the days they were placed on (R3, R42)', async () => {
  const { call } = await testStack();
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const huaxin = customerIds['001'] as string;
  const northwind = customerIds['002'] as string;
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };
  const asNorthwind = { role: 'customer' as const, email: 'buyer@northwind.example', customerId: northwind };
  const place = async (customerId: string, poNumber: string) => {
    const placed = await call('POST', '/orders', {
      as: merchandiser,
      body: { customerId, poNumber, channel: 'email', lines: [line], requestedDate: '2027-01-15' },
    });
    expect(placed.status).toBe(201);
    return placed.body as Order;
  };
  // PO numbers are unique per customer only (doc 003 §6.1): two customers happen to write the same one.
  const huaxins = await place(huaxin, 'LOOK-77 01');
  const northwinds = await place(northwind, 'look-7701');
  const other = await place(huaxin, 'LOOK-7702');

  it('finds an order by its number in one request, written in any case (R3)', async () => {
    const found = await call('GET', `/orders?number=${huaxins.number.toLowerCase()}`, { as: merchandiser });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ items: [expect.objectContaining({ id: huaxins.id, poNumber: 'LOOK-77 01' })] });
    const unknown = huaxins.number.replace(/\d{2}$/, '99');
    expect((await call('GET', `/orders?number=${unknown}`, { as: merchandiser })).body).toEqual({ items: [] });
  });

  it("finds every customer's order carrying a PO number for staff, without case or spaces", async () => {
    const found = await call('GET', '/orders?po=look-7701', { as: merchandiser });
    expect(found.status).toBe(200);
    expect(numbers(found.body)).toEqual([huaxins.number, northwinds.number].sort());
    expect(found.body).not.toHaveProperty('next');
    // Staff may narrow it to one customer.
    const one = await call('GET', `/orders?po=look-77%2001&customer=${northwind}`, { as: merchandiser });
    expect(numbers(one.body)).toEqual([northwinds.number]);
    expect((await call('GET', '/orders?po=NOBODY-1', { as: merchandiser })).body).toEqual({ items: [] });
  });

  it("lets a customer's user find only its own orders, in its view (R42)", async () => {
    const own = await call('GET', '/orders?po=LOOK-7701', { as: asHuaxin });
    expect(numbers(own.body)).toEqual([huaxins.number]);
    expect(own.body.items[0]).not.toHaveProperty('findings');
    // Another customer's PO or number is as if it did not exist, even when asked for that customer.
    expect((await call('GET', `/orders?po=LOOK-7701&customer=${northwind}`, { as: asHuaxin })).body.items).toEqual([
      expect.objectContaining({ id: huaxins.id }),
    ]);
    expect((await call('GET', `/orders?number=${northwinds.number}`, { as: asHuaxin })).body).toEqual({ items: [] });
    expect((await call('GET', `/orders?number=${northwinds.number}`, { as: asNorthwind })).body.items).toEqual([
      expect.objectContaining({ id: northwinds.id }),
    ]);
  });

  it('lists orders by the company days they were placed on (Asia/Shanghai), from each midnight to the next', async () => {
    // Placed at 00:30 on 2 March in Shanghai, which is still 1 March in UTC.
    const early = {
      ...other,
      id: 'ord_01KEARLYMARCH0000000000000',
      number: 'CNC001260350',
      createdAt: '2026-03-01T16:30:00.000Z',
    };
    await port('table').client.send(new PutCommand({ TableName: port('table').name, Item: orderItem(early) }));
    const days = async (query: string) =>
      (await call('GET', `/orders?${query}&limit=100`, { as: merchandiser })).body.items.map((o: Order) => o.id);
    expect(await days(`customer=${huaxin}&from=2026-03-02&to=2026-03-02`)).toEqual([early.id]);
    expect(await days(`customer=${huaxin}&from=2026-03-01&to=2026-03-01`)).toEqual([]);
    expect(await days('from=2026-03-02&to=2026-03-02')).toEqual([early.id]);
    expect(await days('from=2026-02-01&to=2026-03-01')).toEqual([]);
    expect(await days(`status=${early.status}&from=2026-03-02&to=2026-03-31`)).toEqual([early.id]);
    expect(await days('from=2026-03-03')).not.toContain(early.id);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const refused = async (query: string) => {
      const response = await call('GET', `/orders?${query}`, { as: merchandiser });
      expect(response.status).toBe(400);
      return response.body.errors.map((error: { field: string }) => error.field);
    };
    expect(await refused('number=PO-1234')).toEqual(['query.number']);
    expect(await refused(`number=${huaxins.number}&po=LOOK-7701`)).toEqual(['query.po']);
    expect(await refused('po=LOOK-7701&from=2026-01-01')).toEqual(['query.from']);
    expect(await refused(`number=${huaxins.number}&status=in_review`)).toEqual(['query.status']);
    expect(await refused('from=2026-03-02&to=2026-03-01')).toEqual(['query.to']);
    expect(await refused('from=2 March')).toEqual(['query.from']);
    expect(await refused(`po=${'x'.repeat(61)}`)).toEqual(['query.po']);
  });
});
