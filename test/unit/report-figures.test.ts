import { describe, expect, it } from 'vitest';
import { type FigureRow, type KpiRow, kpiReport, report } from '../../shared/domain/report.ts';
import {
  addCounters,
  type Counters,
  contributionOf,
  countedEventTypes,
  runningCounters,
} from '../../shared/domain/report-figures.ts';
import {
  dayPeriod,
  isoWeekMonday,
  isoWeekOf,
  monthPeriod,
  type Period,
  previousPeriod,
  weekPeriod,
} from '../../shared/domain/report-periods.ts';
import { appliedWrites, maxTransactionItems, targetsOf } from '../../shared/persistence/report-figures.ts';
import type { DomainEvent } from '../../shared/schemas/events.ts';
import { domainEventTypes } from '../../shared/schemas/events.ts';
import { generatedEvents, seeded } from '../report-events.ts';
import { expectFiguresOf, expectKpisOf } from '../report-expect.ts';
import { distinct, recount, recountKpis } from '../report-recount.ts';

const events = generatedEvents({ orders: 400, customers: 12, month: '2026-11', seed: 7 });
const byType = (type: string) => events.find((e) => e.type === type) as DomainEvent;

/** The report of a period from the contributions of the events (each once), summed in memory as the table would. */
function reportFrom(stream: readonly DomainEvent[], period: Period, customer?: string) {
  const previous = previousPeriod(period);
  const rows = new Map<string, FigureRow & { day: string }>();
  const running = new Map<string, FigureRow>();
  const kpis = new Map<string, KpiRow>();
  for (const event of distinct(stream)) {
    const { figures, kpis: kpiIncrements } = contributionOf(event);
    for (const { day, dimensions, counters } of figures) {
      if (customer && dimensions.customer !== customer) continue;
      const key = `${day}|${dimensions.customer}|${dimensions.productType}|${dimensions.region}`;
      const dated: Counters = {};
      const open: Counters = {};
      for (const [name, value] of Object.entries(counters)) (runningCounters.has(name) ? open : dated)[name] = value;
      const row = rows.get(key) ?? { day, dimensions, counters: {} };
      rows.set(key, { ...row, counters: addCounters(row.counters, dated) });
      const sum = running.get(key.slice(11)) ?? { dimensions, counters: {} };
      running.set(key.slice(11), { dimensions, counters: addCounters(sum.counters, open) });
    }
    for (const { month, customer: who, counters } of kpiIncrements) {
      if (month !== period.to.slice(0, 7) || (customer && who !== customer)) continue;
      const row = kpis.get(who) ?? { customer: who, counters: {} };
      kpis.set(who, { customer: who, counters: addCounters(row.counters, counters) });
    }
  }
  const within = (p: Period) => [...rows.values()].filter((row) => row.day >= p.from && row.day <= p.to);
  return report({
    period,
    previous,
    ...(customer ? { customer } : {}),
    rows: within(period),
    previousRows: within(previous),
    days: within(period).map((row) => ({ date: row.day, counters: row.counters })),
    running: [...running.values()],
    kpis: kpiReport(period.to.slice(0, 7), [...kpis.values()], customer),
    withAmounts: true,
  });
}

describe('what an event adds to the report figures (R41, R43)', () => {
  it('counts an order received on the company day it was placed, by its number (R3) and currency', () => {
    const placed = byType('OrderPlaced');
    if (placed.type !== 'OrderPlaced') throw new Error('generated');
    const late = { ...placed, occurredAt: '2026-11-30T17:30:00.000Z' }; // 01:30 on 1 December in Shanghai
    const { figures } = contributionOf(late);
    const { order } = placed.data;
    expect(figures).toEqual([
      {
        day: '2026-12-01',
        dimensions: {
          customer: order.number.slice(3, 6),
          productType: order.number[2],
          region: order.number.slice(0, 2),
        },
        counters: { 'orders.received': 1, [`amount.received.${order.currency}`]: order.totals.amount },
      },
    ]);
  });

  it('counts an order confirmed (R8) once it has its date and, for a deposit customer, its deposit', () => {
    const waiting = events.find(
      (e) => e.type === 'OrderAcknowledged' && e.data.order.status === 'awaiting_deposit',
    ) as DomainEvent;
    expect(contributionOf(waiting)).toEqual({ figures: [], kpis: [] });
    expect(contributionOf(byType('OrderDepositRecorded')).figures[0]?.counters['orders.confirmed']).toBe(1);
  });

  it('takes on-time delivery and response time from the delivery, satisfaction from the answer (R43)', () => {
    const signed = byType('DeliverySignedFor');
    if (signed.type !== 'DeliverySignedFor') throw new Error('generated');
    const { promisedDate } = signed.data.order;
    const onTime = {
      ...signed,
      data: { ...signed.data, receipt: { ...signed.data.receipt, signedOn: promisedDate as string } },
    };
    const late = { ...signed, data: { ...signed.data, receipt: { ...signed.data.receipt, signedOn: '2027-01-31' } } };
    expect(contributionOf(onTime).kpis[0]?.counters).toEqual({ 'onTime.delivered': 1, 'onTime.onTime': 1 });
    expect(contributionOf(late).kpis[0]).toMatchObject({ month: '2027-01', counters: { 'onTime.onTime': 0 } });
    const shipped = byType('DeliveryShipped');
    if (shipped.type !== 'DeliveryShipped') throw new Error('generated');
    const { promiseBasis } = shipped.data.order;
    const ship = {
      ...shipped,
      data: { ...shipped.data, shipment: { ...shipped.data.shipment, shippedOn: '2026-12-20' } },
    };
    expect(contributionOf(ship).kpis[0]?.counters).toEqual({
      'response.shipped': 1,
      'response.days': (Date.parse('2026-12-20') - Date.parse(promiseBasis as string)) / 86_400_000,
    });
    const answered = byType('SatisfactionSurveyAnswered');
    if (answered.type !== 'SatisfactionSurveyAnswered') throw new Error('generated');
    expect(contributionOf(answered).kpis).toEqual([
      {
        month: '2026-11',
        customer: answered.data.answer.customerCode,
        counters: { 'satisfaction.answers': 1, 'satisfaction.score': answered.data.answer.score },
      },
    ]);
  });

  it('counts only the event types the worker listens to, all of them domain events', () => {
    for (const type of countedEventTypes) expect(domainEventTypes.has(type)).toBe(true);
    expect(countedEventTypes).not.toContain('CustomerCreated');
    expect(countedEventTypes).toContain('SatisfactionSurveyAnswered');
    const customerCreated = { ...byType('OrderPlaced'), type: 'CustomerCreated' } as unknown as DomainEvent;
    expect(contributionOf(customerCreated)).toEqual({ figures: [], kpis: [] });
  });

  it('writes each event in one transaction: its guard first, each item once, far below 100 items', () => {
    for (const event of events) {
      const contribution = contributionOf(event);
      const targets = targetsOf(contribution);
      expect(new Set(targets.map((t) => `${t.pk}|${t.sk}`)).size).toBe(targets.length);
      if (targets.length === 0) continue;
      const writes = appliedWrites('t', event.id, contribution, new Date());
      expect(writes.length).toBeLessThanOrEqual(maxTransactionItems);
      expect(writes[0]).toMatchObject({ Put: { ConditionExpression: 'attribute_not_exists(pk)' } });
    }
  });
});

describe('the periods of the reports', () => {
  it('reads ISO weeks from Monday to Sunday, with 53 only in the years that have it', () => {
    expect(weekPeriod('2026-W49')).toEqual({ kind: 'week', id: '2026-W49', from: '2026-11-30', to: '2026-12-06' });
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekMonday('2026-W53')).toBe('2026-12-28');
    expect(isoWeekMonday('2027-W53')).toBeUndefined();
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(previousPeriod(weekPeriod('2027-W01')).id).toBe('2026-W53');
  });

  it('compares a day with the day before and a month with the month before', () => {
    expect(previousPeriod(dayPeriod('2026-12-01')).id).toBe('2026-11-30');
    expect(previousPeriod(monthPeriod('2026-01'))).toEqual({
      kind: 'month',
      id: '2025-12',
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(monthPeriod('2028-02').to).toBe('2028-02-29');
  });
});

describe('a report is a recount of its events, whatever their order and however often they came', () => {
  const random = seeded(99);
  const shuffled = [...events, ...events.filter(() => random.chance(0.3))].sort(() => random.next() - 0.5);

  for (const period of [
    monthPeriod('2026-11'),
    monthPeriod('2026-12'),
    weekPeriod('2026-W48'),
    dayPeriod('2026-11-20'),
  ]) {
    it(`${period.kind} ${period.id}`, () => {
      const result = reportFrom(shuffled, period);
      expect(result.figures.orders.confirmed + result.figures.orders.delivered).toBeGreaterThan(0);
      expectFiguresOf(result.figures, recount(events, period.from, period.to));
      const previous = previousPeriod(period);
      expectFiguresOf(result.previousFigures, recount(events, previous.from, previous.to));
      expect(result.openComplaints).toBe(recount(events, period.from, period.to).openComplaints);
      expectKpisOf(result.kpis, recountKpis(events, period.to.slice(0, 7)));
      expect(result.byDay.map((d) => d.date)).toEqual(
        Array.from({ length: result.byDay.length }, (_, i) =>
          new Date(Date.parse(`${period.from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
        ),
      );
      const byDaySum = result.byDay.reduce((sum, d) => sum + d.figures.orders.received, 0);
      expect(byDaySum).toBe(result.figures.orders.received);
      const byCustomerSum = result.byCustomer.reduce((sum, c) => sum + c.figures.orders.shipped, 0);
      expect(byCustomerSum).toBe(result.figures.orders.shipped);
    });
  }

  it("one customer's report counts its own orders only", () => {
    const period = monthPeriod('2026-11');
    const result = reportFrom(shuffled, period, '004');
    expect(result.byCustomer.map((c) => c.customer)).toEqual(['004']);
    expectFiguresOf(result.figures, recount(events, period.from, period.to, '004'));
    expectKpisOf(result.kpis, recountKpis(events, '2026-11', '004'));
    expect(result.kpis.approvals).toBeUndefined();
  });

  it('summarises the problems of the period, the most frequent first, with the period before', () => {
    const result = reportFrom(events, monthPeriod('2026-11'));
    const counts = result.problems.map((p) => p.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(result.problems.length).toBeGreaterThan(3);
    for (const problem of result.problems) {
      const area = problem.area === 'complaint' ? result.figures.complaints.byKind : result.figures[problem.area];
      expect(area[problem.kind]).toBe(problem.count);
    }
  });
});
