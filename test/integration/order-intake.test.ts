import { describe, expect, it } from 'vitest';
import { demoCustomers, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTime, companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { port } from '../../shared/runtime.ts';
import { CustomerOrderDetail } from '../../shared/schemas/order.ts';
import { doc000KitComponents, newCustomer } from '../fixtures.ts';
import { latestMail, passOnboarding, postDecision } from './approvals.ts';
import { testStack } from './stack.ts';

const people = {
  merchandiser: 'wang.fang@factory.example',
  planning: 'zhao.lei@factory.example',
  pmc: 'chen.jie@factory.example',
  finance: 'zhou.min@factory.example',
  customer: 'li.wei@huaxin.example',
};
/** The company's today: the day a promise may start from and a deposit may have arrived by. */
const today = () => calendarDateIn(port('clock').now(), companyTimeZone);
const kitLine = (cylinders: number) => ({
  productCode: 'CZM04-SET',
  description: '执手套装（套装包装）',
  quantity: 50,
  components: doc000KitComponents.map((c) => (c.productCode === 'CYL75-3045' ? { ...c, quantity: cylinders } : c)),
});

describe('order intake by e-mail link (F1)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const asCustomer = { role: 'customer' as const, email: people.customer, customerId: customerIds['001'] as string };
  const asMerchandiser = { role: 'merchandiser' as const, email: people.merchandiser };
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const place = async (cylinders: number, po: string) => {
    const placed = await call('POST', '/orders', {
      as: asCustomer,
      body: { poNumber: po, channel: 'platform', requestedDate: '2027-02-01', lines: [kitLine(cylinders)] },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    return placed.body;
  };
  const decide = async (to: string, fields: Record<string, string>) => {
    const mail = latestMail(stack, 'approval-request', to);
    expect((await postDecision(mail.link, fields)).status).toBe(200);
    await stack.settle();
    return mail;
  };

  it('takes a deposit customer’s kit order to production, each approver acting from their e-mail', async () => {
    const order = await place(50, 'HX-PO-9001');
    const waiting = (await call('GET', `/orders/${order.id}`, { as: asMerchandiser })).body.waitingFor;
    expect(waiting).toMatchObject({ step: 'merchandiser-review', role: 'merchandiser', assignee: people.merchandiser });
    expect((await decide(people.merchandiser, { outcome: 'approve' })).subject).toContain(order.number);
    expect((await decide(people.planning, { outcome: 'approve', comment: 'capacity ok' })).subject).toContain(
      order.number,
    );
    const [pmcTask] = (await call('GET', `/orders/${order.id}`, { as: { role: 'pmc' } })).body.approvals.filter(
      (a: { status: string }) => a.status === 'pending',
    );
    // R5: PMC answers by 15:00 the next day in the company's time zone; the request expires then.
    expect(companyTime(pmcTask.expiresAt)).toMatch(/ 15:00 \(Asia\/Shanghai\)$/);
    expect(Date.parse(pmcTask.expiresAt) - Date.now()).toBeLessThanOrEqual(48 * 3600_000);
    const asPlanner = { role: 'planner' as const, email: people.planning };
    const notYours = await call('POST', `/approvals/${pmcTask.id}/decision`, {
      as: asPlanner,
      body: { outcome: 'approve', values: { promisedDate: '2027-01-01' } },
    });
    expect(notYours.status).toBe(403);
    const noDate = await postDecision(latestMail(stack, 'approval-request', people.pmc).link, { outcome: 'approve' });
    expect(noDate.status).toBe(400);
    // A promise of a day gone by makes no sense: the page comes back with the message beside the date, as sent.
    const pastDate = await postDecision(latestMail(stack, 'approval-request', people.pmc).link, {
      outcome: 'approve',
      promisedDate: '2020-01-01',
    });
    expect(pastDate.status).toBe(400);
    expect(pastDate.html).toContain(`is before today (${today()})`);
    expect(pastDate.html).toContain('value="2020-01-01"');
    const pmc = await decide(people.pmc, { outcome: 'approve', promisedDate: '2027-02-20' });
    expect(pmc.subject).toContain(order.number);

    const ack = latestMail(stack, 'order-acknowledgement', people.customer);
    expect(ack.subject).toContain(order.number);
    expect(ack.text).toContain('2027-02-20');
    expect(ack.text).toContain('¥1,275.00');
    const acknowledged = (await call('GET', `/orders/${order.id}`, { as: asMerchandiser })).body.history.at(-1);
    expect(acknowledged).toMatchObject({ action: 'acknowledgement sent', actor: 'workflow:order-intake' });
    expect(acknowledged.note).toBe(
      `R6: written acknowledgement of the promised date 2027-02-20 sent to ${people.customer} (zh-CN).`,
    );
    expect((await call('GET', `/orders/${order.id}`, { as: asCustomer })).body.status).toBe('awaiting_deposit');

    // R9: the deposit is in when finance records the payment; money cannot have arrived on a day still to come.
    const payment = {
      customerId: order.customerId,
      orderId: order.id,
      kind: 'deposit',
      amount: 1275,
      currency: 'CNY',
      method: 'bank-transfer',
      reference: 'HX-9001-DEPOSIT',
      receivedOn: today(),
    };
    const asFinance = { role: 'finance' as const, email: people.finance };
    const future = await call('POST', '/payments', { as: asFinance, body: { ...payment, receivedOn: '2099-01-10' } });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'receivedOn', message: expect.stringContaining('is after today') }]);
    expect((await call('POST', '/payments', { as: asFinance, body: payment })).status).toBe(201);
    await stack.settle();
    const done = await call('GET', `/orders/${order.id}`, { as: asMerchandiser });
    expect(done.body).toMatchObject({ status: 'in_production', depositReceivedOn: today() });
    expect(done.body.promisedDate >= '2027-02-20').toBe(true);
    expect(done.body.history.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
      ['placed', people.customer],
      ['accepted in initial review', people.merchandiser],
      ['approved in planner review', people.planning],
      ['promised', people.pmc],
      ['acknowledgement sent', 'workflow:order-intake'], // R6, in writing: part of the order's history (R15)
      ['deposit received', people.finance],
      ['confirmed with its deposit', 'workflow:order-intake'],
      ['released to production', 'workflow:order-intake'],
    ]);
    expect(done.body.approvals.map((a: { step: string }) => a.step)).toEqual([
      'merchandiser-review',
      'planner-review',
      'pmc-promise',
    ]);
    expect(latestMail(stack, 'order-released', people.pmc).subject).toContain(order.number);
  });

  it('leaves an order with blocking findings to the merchandiser, who decides with the findings in front of them (R2)', async () => {
    const order = await place(30, 'HX-PO-9002');
    const read = await call('GET', `/orders/${order.id}`, { as: asMerchandiser });
    expect(read.body.status).toBe('in_review');
    expect(read.body.waitingFor).toMatchObject({ step: 'merchandiser-review', role: 'merchandiser' });
    const asked = latestMail(stack, 'approval-request', people.merchandiser);
    expect(asked.subject).toContain('findings to correct with the customer');
    expect(asked.subject).toContain(order.number);
    expect(asked.text).toContain(
      '第 1 行 Line 1: CZM04-SET 执手套装（套装包装） Handle set, kit packing: 50 × ¥85.00 = ¥4,250.00; 须与客户更正 To correct with the customer',
    );
    expect(asked.text).toContain('CYL75-3045');
    expect(stack.mailbox.list().some((m) => m.template === 'order-rejected' && m.subject.includes(order.number))).toBe(
      false,
    );
    // Refused in writing: the merchandiser's reason goes to the customer (R13).
    await decide(people.merchandiser, { outcome: 'reject', comment: '套装应配 50 个锁芯，请更正后重新下单' });
    expect((await call('GET', `/orders/${order.id}`, { as: asCustomer })).body.status).toBe('rejected');
    expect(latestMail(stack, 'order-rejected', people.customer).text).toContain('请更正后重新下单');
  });

  it('goes on when the merchandiser accepts an order with blocking findings, corrected with the customer (R2)', async () => {
    const order = await place(30, 'HX-PO-9004');
    await decide(people.merchandiser, { outcome: 'approve', comment: 'Customer confirmed 50 cylinders by phone' });
    expect((await call('GET', `/orders/${order.id}`, { as: asCustomer })).body.status).toBe('planning');
  });

  it("shows a customer's user its order without anything internal: approvals, findings, staff, notes, waiting steps", async () => {
    const order = await place(30, 'HX-PO-9005');
    expect(order.findings).toBeUndefined();
    await decide(people.merchandiser, { outcome: 'approve', comment: '李伟 confirmed 50 cylinders by phone' });
    const staffView = (await call('GET', `/orders/${order.id}`, { as: asMerchandiser })).body;
    expect(staffView.findings.length).toBeGreaterThan(0);
    expect(staffView.approvals.length).toBeGreaterThan(0);
    expect(staffView.waitingFor).toMatchObject({ step: 'planner-review' });

    const read = await call('GET', `/orders/${order.id}`, { as: asCustomer });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"${staffView.version}"`);
    expect(CustomerOrderDetail.strict().safeParse(read.body).error).toBeUndefined();
    expect(read.body).toMatchObject({ id: order.id, number: order.number, status: 'planning' });
    for (const field of ['approvals', 'waitingFor', 'findings', 'createdBy', 'updatedBy', 'notes']) {
      expect(read.body).not.toHaveProperty(field);
    }
    expect(read.body.history.map((h: { action: string }) => h.action)).toEqual([
      'placed',
      'accepted in initial review',
    ]);
    for (const entry of read.body.history) {
      expect(entry).not.toHaveProperty('actor');
      expect(entry).not.toHaveProperty('note');
    }
    const list = await call('GET', '/orders?limit=100', { as: asCustomer });
    const listed = list.body.items.find((item: { id: string }) => item.id === order.id);
    expect(listed).toMatchObject({ id: order.id, status: 'planning' });
    for (const body of [read.body, list.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/@factory\.example|workflow:|李伟 confirmed|findings|listPrice/);
    }
  });

  it("ends with the order rejected and the merchandiser's written reason sent to the customer", async () => {
    const order = await place(50, 'HX-PO-9003');
    await decide(people.merchandiser, { outcome: 'reject', comment: '客户信用额度不足' });
    expect((await call('GET', `/orders/${order.id}`, { as: asCustomer })).body.status).toBe('rejected');
    expect(latestMail(stack, 'order-rejected', people.customer).text).toContain('客户信用额度不足');
  });

  it("holds a new customer's order before planning until the customer passed its review (R10)", async () => {
    const northwind = demoCustomers[1] as (typeof demoCustomers)[number];
    const placed = await call('POST', '/orders', {
      as: { role: 'merchandiser', email: people.merchandiser },
      body: {
        customerId: customerIds['002'],
        poNumber: 'NW-R10',
        channel: 'email',
        requestedDate: '2027-02-01',
        lines: [{ productCode: 'CHJ01B-800', description: 'Euro-groove aluminium connecting rod', quantity: 200 }],
      },
    });
    await stack.settle();
    await decide(people.merchandiser, { outcome: 'approve' });
    const planning = () =>
      stack.mailbox.list().filter((m) => m.to.includes(people.planning) && m.subject.includes(placed.body.number));
    expect(planning()).toEqual([]);
    expect((await call('GET', `/orders/${placed.body.id}`, { as: { role: 'planner' } })).body.status).toBe('in_review');

    await passOnboarding(stack, northwind);
    expect(planning()).toHaveLength(1);
    expect((await call('GET', `/orders/${placed.body.id}`, { as: { role: 'planner' } })).body.status).toBe('planning');
  });

  it("rejects a new customer's order when the customer fails its review (R10)", async () => {
    const customer = await call('POST', '/customers', {
      as: { role: 'merchandiser', email: people.merchandiser },
      body: newCustomer({ code: '777' }),
    });
    const placed = await call('POST', '/orders', {
      as: { role: 'merchandiser', email: people.merchandiser },
      body: {
        customerId: customer.body.id,
        poNumber: 'R10-NO',
        channel: 'counter',
        requestedDate: '2027-02-01',
        deliveryAddress: { label: 'Site', lines: ['1 Road'], city: 'Foshan', country: 'CN' },
        lines: [{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 }],
      },
    });
    await stack.settle();
    await decide(people.merchandiser, { outcome: 'approve' });
    const review = stack.mailbox.list().find((m) => m.template === 'approval-request' && m.subject.includes(': 777 '));
    const link = review?.links.find((l) => l.includes('/approval-links/')) ?? '';
    expect((await postDecision(link, { outcome: 'reject', comment: 'No trade licence' })).status).toBe(200);
    await stack.settle();
    const order = (await call('GET', `/orders/${placed.body.id}`, { as: { role: 'planner' } })).body;
    expect(order.status).toBe('rejected');
    expect(order.history.at(-1).note).toContain('R10');
  });
});
