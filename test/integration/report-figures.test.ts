import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as keepFigures } from '../../functions/reports/figures.ts';
import { demoPeople, demoStaff } from '../../scripts/offline/demo-data.ts';
import { reportRecipients } from '../../shared/domain/report-mail.ts';
import { customerItem } from '../../shared/persistence/customers.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { DomainEvent } from '../../shared/schemas/events.ts';
import { activeCustomer } from '../fixtures.ts';
import { generatedEvents, seeded } from '../report-events.ts';
import { expectFiguresOf, expectKpisOf } from '../report-expect.ts';
import { recount, recountKpis } from '../report-recount.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

const envelope = (event: DomainEvent): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: `bus-${event.id}`,
  'detail-type': event.type,
  source: 'order-follow-up',
  account: '0',
  time: event.occurredAt,
  region: 'local',
  resources: [],
  detail: event,
});

/**
 * R41, R43: the figures kept by the report-figures worker from a stream of generated events — delivered out of
 * order, some twice, some twice at once — are a direct recount of those events, and the reports read them.
 */
describe('report figures kept from domain events, and the reports (R41, R43)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const events = generatedEvents({ orders: 150, customers: 6, month: '2026-11', seed: 3 });
  const random = seeded(11);
  const redelivered = events.filter(() => random.chance(0.25));
  const stream = [...events, ...redelivered].sort(() => random.next() - 0.5);
  for (const event of stream) await keepFigures(envelope(event));
  // The same event delivered twice at the same moment adds once.
  await Promise.all(
    events.slice(0, 20).flatMap((event) => [keepFigures(envelope(event)), keepFigures(envelope(event))]),
  );

  const ownCustomer = { ...activeCustomer, id: 'cus_01J0000000000000000000C004', code: '004' };
  await port('table').client.send(new PutCommand({ TableName: port('table').name, Item: customerItem(ownCustomer) }));
  const manager = { role: 'gm' as const };
  const customerUser = { role: 'customer' as const, email: 'buyer@customer.example', customerId: ownCustomer.id };

  it('the monthly report is the recount of the month and the month before, with the KPIs of the month', async () => {
    for (const month of ['2026-11', '2026-12']) {
      const { status, body } = await call('GET', `/reports/monthly?month=${month}`, { as: manager });
      expect(status).toBe(200);
      const last = month === '2026-11' ? '2026-11-30' : '2026-12-31';
      expectFiguresOf(body.figures, recount(events, `${month}-01`, last));
      expect(body.figures.orders.received + body.figures.orders.delivered).toBeGreaterThan(0);
      const before = body.previous;
      expectFiguresOf(body.previousFigures, recount(events, before.from, before.to));
      expect(body.openComplaints).toBe(recount(events, `${month}-01`, last).openComplaints);
      expectKpisOf(body.kpis, recountKpis(events, month));
      expect(body.byDay).toHaveLength(Number(last.slice(8)));
      const days = body.byDay.reduce(
        (sum: number, d: { figures: { orders: { shipped: number } } }) => sum + d.figures.orders.shipped,
        0,
      );
      expect(days).toBe(body.figures.orders.shipped);
    }
  });

  it('the weekly and daily reports are the recount of their days, against the week and the day before', async () => {
    const weekly = await call('GET', '/reports/weekly?week=2026-W48', { as: { role: 'leader' } });
    expect(weekly.status).toBe(200);
    expect(weekly.body.period).toEqual({ kind: 'week', id: '2026-W48', from: '2026-11-23', to: '2026-11-29' });
    expectFiguresOf(weekly.body.figures, recount(events, '2026-11-23', '2026-11-29'));
    expectFiguresOf(weekly.body.previousFigures, recount(events, '2026-11-16', '2026-11-22'));
    const daily = await call('GET', '/reports/daily?date=2026-11-20', { as: { role: 'merchandiser' } });
    expect(daily.status).toBe(200);
    expectFiguresOf(daily.body.figures, recount(events, '2026-11-20', '2026-11-20'));
    expectFiguresOf(daily.body.previousFigures, recount(events, '2026-11-19', '2026-11-19'));
    const narrowed = await call('GET', '/reports/daily?date=2026-11-20&customer=002', { as: { role: 'finance' } });
    expectFiguresOf(narrowed.body.figures, recount(events, '2026-11-20', '2026-11-20', '002'));
  });

  it('the KPIs of a month, in total and per customer', async () => {
    const { status, body } = await call('GET', '/reports/kpis?month=2026-11', { as: { role: 'qa' } });
    expect(status).toBe(200);
    expectKpisOf(body, recountKpis(events, '2026-11'));
    expect(body.approvals.length).toBeGreaterThan(0);
    const one = await call('GET', '/reports/kpis?month=2026-11&customer=003', { as: manager });
    expectKpisOf(one.body, recountKpis(events, '2026-11', '003'));
    expect(one.body.byCustomer.map((c: { customer: string }) => c.customer)).toEqual(['003']);
  });

  it("a customer's user reads its own customer's figures only, never another's (R42)", async () => {
    const { status, body } = await call('GET', '/reports/monthly?month=2026-11', { as: customerUser });
    expect(status).toBe(200);
    expect(body.customer).toBe('004');
    expect(body.byCustomer.map((c: { customer: string }) => c.customer)).toEqual(['004']);
    expectFiguresOf(body.figures, recount(events, '2026-11-01', '2026-11-30', '004'));
    expect(body.openComplaints).toBe(recount(events, '2026-11-01', '2026-11-30', '004').openComplaints);
    expectKpisOf(body.kpis, recountKpis(events, '2026-11', '004'));
    expect(body.kpis.approvals).toBeUndefined();
    const days = body.byDay.reduce(
      (sum: number, d: { figures: { orders: { received: number } } }) => sum + d.figures.orders.received,
      0,
    );
    expect(days).toBe(body.figures.orders.received);
    const kpis = await call('GET', '/reports/kpis?month=2026-11', { as: customerUser });
    expect(kpis.body.customer).toBe('004');
    expect(kpis.body.byCustomer.map((c: { customer: string }) => c.customer)).toEqual(['004']);
    for (const path of ['/reports/monthly?month=2026-11&customer=005', '/reports/kpis?month=2026-11&customer=001']) {
      expect((await call('GET', path, { as: customerUser })).status).toBe(403);
    }
  });

  it('the warehouse reads the counts without any amount', async () => {
    const { status, body } = await call('GET', '/reports/weekly?week=2026-W48', { as: { role: 'warehouse' } });
    expect(status).toBe(200);
    expect(JSON.stringify(body)).not.toContain('"amounts"');
    expectFiguresOf(body.figures, recount(events, '2026-11-23', '2026-11-29'), false);
  });

  it('refuses a bad period or customer with 400 naming the field', async () => {
    const cases = [
      ['/reports/daily?date=2026-13-01', 'query.date'],
      ['/reports/daily', 'query.date'],
      ['/reports/weekly?week=2027-W53', 'query.week'],
      ['/reports/weekly?week=2026-48', 'query.week'],
      ['/reports/monthly?month=2026-1', 'query.month'],
      ['/reports/kpis?month=2026-11&customer=ABC', 'query.customer'],
      ['/reports/monthly?month=2026-11&region=EU', 'query.region'],
    ] as const;
    for (const [path, field] of cases) {
      const { status, body } = await call('GET', path, { as: manager });
      expect(status, path).toBe(400);
      expect(
        body.errors.map((e: { field: string }) => e.field),
        path,
      ).toContain(field);
    }
    expect((await call('GET', '/reports/monthly?month=2026-11', { as: { role: 'admin' } })).status).toBe(403);
  });

  it("keeps the figures of an event written to the outbox and carried by the bus to the worker's rule", async () => {
    const placed = events.find((event) => event.type === 'OrderPlaced') as DomainEvent;
    const fresh = { ...placed, id: 'through-the-bus', occurredAt: '2026-10-15T02:00:00.000Z' };
    await writeAtomically(port('table'), { writes: [], events: [fresh], now: new Date() });
    await stack.settle();
    const { body } = await call('GET', '/reports/daily?date=2026-10-15', { as: manager });
    expect(body.figures.orders.received).toBe(1);
    expect(body.byCustomer.map((c: { customer: string }) => c.customer)).toEqual([
      (fresh.data as { order: { customerCode: string } }).order.customerCode,
    ]);
  });

  it("e-mails the month's report to each reader once, with its charts inline and its spreadsheet (R41)", async () => {
    const run = async () => {
      const at = encodeURIComponent('2026-12-01T01:20:00.000Z');
      const response = await fetch(`${stack.url}/_local/schedules/monthly-report?at=${at}`, { method: 'POST' });
      expect(response.ok).toBe(true);
    };
    await run();
    await run();
    const reports = stack.mailbox.list().filter((m) => m.template === 'monthly-report');
    const readers = reportRecipients(demoStaff.map((person) => ({ ...person, active: true }))).map(
      (person) => person.email,
    );
    expect(readers).toEqual(expect.arrayContaining([demoPeople.salesAdmin, demoPeople.generalManager]));
    expect(readers).not.toContain(demoPeople.merchandiser);
    expect(reports.flatMap((m) => m.to).sort()).toEqual([...readers].sort());
    for (const mail of reports) {
      expect(mail.subject).toMatch(/2026-11|2026年11月|November 2026/);
      expect(mail.inline?.length).toBeGreaterThan(0);
      expect(mail.attachments?.map((a) => a.contentType)).toEqual([
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]);
    }
  });

  it('keeps the figures for ever and the events applied only as long as a redelivery may come', async () => {
    await auditTimeToLive();
  });
});
