import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { statementKeys } from '../../shared/persistence/statements.ts';
import { port } from '../../shared/runtime.ts';
import { WarehouseDelivery, WarehouseDeliveryPage } from '../../shared/schemas/delivery.ts';
import { WarehouseStockPrepForm } from '../../shared/schemas/documents.ts';
import { pagesOf } from '../pdf-pages.ts';
import { shippingStack } from './shipping-flow.ts';

/**
 * R42, route by route (docs/access.md): the warehouse reads deliveries and stock-prep forms without a price, finance
 * reads the money, and a customer's user reaches nothing of another customer's.
 */

/** Whether any price or amount is anywhere in an answer, at any depth. */
const money = /"(unitPrice|amount|listPrice|balanceRequested|depositDue)":/;
const expectNoPrices = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(money);
/** The whitelist strips what it does not list at every depth: an answer equal to its parse has nothing more. */
const expectExactly = (schema: { parse: (value: unknown) => unknown }, body: unknown) =>
  expect(schema.parse(body)).toEqual(body);

describe('what each role sees, route by route (R42)', async () => {
  const { stack, call, huaxin, merchandiser, pay, finishedOrder, prepared, shipped, today } = await shippingStack({});
  const warehouse = { role: 'warehouse' as const, email: demoPeople.warehouseOnDuty };
  const finance = { role: 'finance' as const, email: demoPeople.financeOnDuty };
  const asHuaxin = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };
  const customers = await call('GET', '/customers?limit=100', { as: merchandiser });
  const northwind = customers.body.items.find((c: { code: string }) => c.code === '002').id as string;
  const asNorthwind = { role: 'customer' as const, email: 'buyer@northwind.example', customerId: northwind };
  // A deposit customer's order, finished, paid in full, its stock-prep form prepared and approved (R17, R18).
  const order = await finishedOrder('RV-PRICES-1');
  await pay(order.id, 'balance', 2975, 'RV-PRICES-1-BAL');
  await prepared(order.number);

  it('shows the warehouse a delivery and its stock-prep form without prices, JSON and PDF alike', async () => {
    const path = `/orders/${order.id}/deliveries/1`;
    const staffView = await call('GET', path, { as: merchandiser });
    expect(staffView.body.stockPrepForm.lines[0]).toMatchObject({ quantity: 50, unitPrice: 85, amount: 4250 });

    const delivery = await call('GET', path, { as: warehouse });
    expect(delivery.status).toBe(200);
    expect(delivery.body.stockPrepForm.lines[0]).toMatchObject({ line: 1, productCode: 'CZM04-SET', quantity: 50 });
    expectNoPrices(delivery.body);
    expectExactly(WarehouseDelivery, delivery.body);

    const list = await call('GET', `/deliveries?from=${today()}&to=${today()}`, { as: warehouse });
    expect(list.body.items.map((d: { orderId: string }) => d.orderId)).toContain(order.id);
    expectNoPrices(list.body);
    expectExactly(WarehouseDeliveryPage, list.body);

    const form = await call('GET', `${path}/stock-prep-form`, { as: warehouse });
    expect(form.body).toMatchObject({ orderNumber: order.number, totals: { quantity: 50 } });
    expectNoPrices(form.body);
    expectExactly(WarehouseStockPrepForm, form.body);
    const pdf = async (as: typeof warehouse | typeof merchandiser) => {
      const response = await fetch(`${stack.url}${path}/stock-prep-form`, {
        headers: {
          accept: 'application/pdf',
          authorization: `Bearer ${await stack.idp.issue(as)}`,
        },
      });
      expect(response.headers.get('content-type')).toBe('application/pdf');
      return (await pagesOf(Buffer.from(await response.arrayBuffer()))).join(' ');
    };
    expect(await pdf(merchandiser)).toContain('4,250');
    const warehouseCopy = await pdf(warehouse);
    expect(warehouseCopy).toContain(order.number);
    expect(warehouseCopy).not.toContain('4,250');
    expect(warehouseCopy).not.toContain('85.00');
  });

  it('answers the warehouse tracking and the receipt it files without prices too', async () => {
    await shipped(order.number);
    const path = `/orders/${order.id}/deliveries/1`;
    const tracked = await call('POST', `${path}/tracking`, { as: warehouse, body: { stage: 'in_transit' } });
    expect(tracked.status).toBe(200);
    expectNoPrices(tracked.body);
    const signed = await call('POST', `${path}/receipt`, {
      as: warehouse,
      headers: { 'idempotency-key': 'rv-receipt-1' },
      body: { condition: 'damaged', signedBy: '李伟 Li Wei', signedOn: today(), note: '2 套外箱压坏 two sets crushed' },
    });
    expect(signed.status).toBe(200);
    expect(signed.body.receipt).toMatchObject({ condition: 'damaged' });
    expectNoPrices(signed.body);
    await stack.settle();
  });

  it('shows finance the money, and keeps it from departments without the role', async () => {
    const read = await call('GET', `/orders/${order.id}`, { as: finance });
    expect(read.body).toMatchObject({ totals: { amount: 4250 }, paid: { depositReceived: 1275 } });
    const delivery = await call('GET', `/orders/${order.id}/deliveries/1`, { as: finance });
    expect(delivery.body.stockPrepForm.totals.amount).toBe(4250);
    const payments = await call('GET', `/customers/${huaxin}/payments`, { as: finance });
    expect(payments.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ amount: 1275 })]));
    expect((await call('GET', `/customers/${huaxin}/ledger`, { as: finance })).status).toBe(200);
    expect((await call('GET', '/reports/ageing', { as: finance })).status).toBe(200);
    for (const path of [
      `/customers/${huaxin}/payments`,
      `/customers/${huaxin}/ledger`,
      `/customers/${huaxin}/invoices`,
      `/customers/${huaxin}/adjustments`,
      '/reports/ageing',
      '/statements',
      '/quotations',
    ]) {
      expect((await call('GET', path, { as: warehouse })).status, path).toBe(403);
      expect((await call('GET', path, { as: { role: 'qa' } })).status, path).toBe(403);
    }
  });

  it("gives a customer's user nothing of another customer's: 404 route by route, and lists of its own", async () => {
    const complaints = await call('GET', `/complaints?customer=${huaxin}`, { as: merchandiser });
    const complaint = complaints.body.items.find((c: { orderId: string }) => c.orderId === order.id);
    expect(complaint).toBeDefined();
    const applied = await call('POST', '/returns', {
      as: asHuaxin,
      headers: { 'idempotency-key': 'rv-return-1' },
      body: {
        orderId: order.id,
        delivery: 1,
        lines: [{ line: 1, quantity: 2 }],
        reason: '外箱压坏 crushed in transit',
        contact: { name: '李伟 Li Wei', phone: '+86 757 8888 0001' },
      },
    });
    expect(applied.status).toBe(201);
    const quotation = await call('POST', '/quotations', {
      as: merchandiser,
      body: {
        customerId: huaxin,
        currency: 'CNY',
        validUntil: today(),
        lines: [{ productCode: 'CZM04', unitPrice: 12 }],
      },
    });
    expect(quotation.status).toBe(201);
    // A statement of Huaxin's as the month-end run keys it (its content plays no part in who may read it).
    const statementId = 'ST202611-001';
    await port('table').client.send(
      new PutCommand({
        TableName: port('table').name,
        Item: { ...statementKeys.item(statementId), entity: 'statement', id: statementId, customerId: huaxin },
      }),
    );
    const delivery = (await call('GET', `/orders/${order.id}/deliveries/1`, { as: merchandiser })).body;
    await stack.settle();

    const others = [
      `/orders/${order.id}`,
      `/orders/${order.id}/deliveries/1`,
      `/orders/${order.id}/change-requests`,
      `/orders/${order.id}/revisions`,
      `/delivery-notes/${delivery.deliveryNote}`,
      `/complaints/${complaint.id}`,
      `/returns/${applied.body.id}`,
      `/statements/${statementId}`,
      `/quotations/${quotation.body.id}`,
      `/customers/${huaxin}`,
      `/customers/${huaxin}/ledger`,
      `/customers/${huaxin}/reconciliation?from=${today()}&to=${today()}`,
    ];
    for (const path of others) {
      expect((await call('GET', path, { as: asNorthwind })).status, path).toBe(404);
    }
    expect((await call('GET', `/orders/${order.id}`, { as: asHuaxin })).status).toBe(200);
    expect((await call('GET', `/complaints/${complaint.id}`, { as: asHuaxin })).status).toBe(200);
    expect((await call('GET', `/customers/${huaxin}/payments`, { as: asNorthwind })).status).toBe(404);
    // Asked for another customer, a list answers the caller's own.
    for (const list of ['orders', 'complaints', 'returns', 'statements', 'quotations']) {
      const page = await call('GET', `/${list}?customer=${huaxin}`, { as: asNorthwind });
      expect(page.status, list).toBe(200);
      expect(
        page.body.items.filter((item: { customerId: string }) => item.customerId !== northwind),
        list,
      ).toEqual([]);
    }
    expect((await call('GET', `/orders?number=${order.number}`, { as: asNorthwind })).body).toEqual({ items: [] });
    const receipt = { condition: 'complete', signedBy: 'x', signedOn: today() };
    expect(
      (await call('POST', `/orders/${order.id}/deliveries/1/receipt`, { as: asNorthwind, body: receipt })).status,
    ).toBe(404);
  });
});
