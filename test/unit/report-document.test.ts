import { describe, expect, it } from 'vitest';
import { type FigureRow, kpiReport, report } from '../../shared/domain/report.ts';
import { dayPeriod, monthPeriod, type Period, previousPeriod, weekPeriod } from '../../shared/domain/report-periods.ts';
import { comparison, periodInWords, reportDocument } from '../../shared/reports/compose.ts';

const row = (customer: string, region: string, counters: Record<string, number>): FigureRow => ({
  dimensions: { customer, productType: 'S', region },
  counters,
});

function sample(period: Period, withAmounts = true) {
  return report({
    period,
    previous: previousPeriod(period),
    rows: [
      row('001', 'EU', {
        'orders.received': 30,
        'amount.received.USD': 1200.5,
        'orders.shipped': 4,
        'production.balanceLate': 2,
      }),
      row('002', 'CN', {
        'orders.received': 12,
        'amount.received.CNY': 88_000,
        'complaints.new': 3,
        'complaints.kind.damage': 3,
        'quality.damageComplaint': 3,
      }),
    ],
    previousRows: [row('001', 'EU', { 'orders.received': 34, 'complaints.new': 1 })],
    days: [{ date: period.from, counters: { 'orders.received': 42 } }],
    running: [row('002', 'CN', { 'complaints.open': 2 })],
    kpis: kpiReport(period.to.slice(0, 7), [
      {
        customer: '001',
        counters: { 'onTime.delivered': 4, 'onTime.onTime': 3, 'satisfaction.answers': 1, 'satisfaction.score': 88 },
      },
      {
        customer: '*',
        counters: { 'approval.pmc.decided': 2, 'approval.pmc.minutes': 300, 'approval.pmc.withinDeadline': 1 },
      },
    ]),
    withAmounts,
  });
}

describe('the report as a document (R41)', () => {
  it('compares each figure with the period before, in words', () => {
    expect(comparison({ 'zh-CN': '收到订单', en: 'Orders received' }, 42, 34, 'October 2026', 'en')).toBe(
      'Orders received 42, up 8 (+24%) on October 2026',
    );
    expect(comparison({ 'zh-CN': '收到订单', en: 'Orders received' }, 30, 34, '2026年10月', 'zh-CN')).toBe(
      '收到订单 30，与2026年10月相比减少 4 (-12%)',
    );
    expect(comparison({ 'zh-CN': '出货', en: 'Deliveries shipped' }, 5, 0, 'yesterday', 'en')).toBe(
      'Deliveries shipped 5, up 5 on yesterday',
    );
    expect(comparison({ 'zh-CN': '出货', en: 'Deliveries shipped' }, 3, 3, 'October 2026', 'en')).toBe(
      'Deliveries shipped 3, the same as October 2026',
    );
  });

  it('says the period as people do, in both languages', () => {
    expect(periodInWords(dayPeriod('2026-11-30'), 'en')).toBe('Monday 30 November 2026');
    expect(periodInWords(dayPeriod('2026-11-30'), 'zh-CN')).toBe('2026年11月30日 星期一');
    expect(periodInWords(weekPeriod('2026-W49'), 'en')).toBe('week 49 of 2026 (30 November 2026 – 6 December 2026)');
    expect(periodInWords(monthPeriod('2026-11'), 'zh-CN')).toBe('2026年11月');
  });

  it('a month: sales by customer with a chart by day, complaints, anomalies, KPIs, approvals, problems', () => {
    const document = reportDocument(sample(monthPeriod('2026-11')), 'en');
    expect(document).toMatchObject({
      title: 'Monthly report 2026-11',
      period: 'November 2026 compared with October 2026',
      language: 'en',
      fileName: 'monthly-report-2026-11',
    });
    expect(document.sections.map((s) => s.heading)).toEqual([
      'Sales by customer',
      'Sales by region',
      'Sales by product type',
      'Complaints',
      'Production anomalies',
      'Quality anomalies',
      'Key performance indicators · November 2026',
      'Approval response by role',
      'Problem summary',
    ]);
    const [sales] = document.sections;
    expect(sales?.notes?.[0]).toBe('Orders received 42, up 8 (+24%) on October 2026');
    expect(sales?.table.columns).toContain('Ordered USD');
    expect(sales?.table.rows[0]).toEqual(['001', 30, 0, 4, 0, 0, 0, 0, 0, 1200.5, 0]);
    expect(sales?.chart?.categories).toHaveLength(30);
    expect(sales?.chart?.series[0]?.values[0]).toBe(42);
    const complaints = document.sections[3];
    expect(complaints?.notes).toEqual(['New complaints 3, up 2 (+200%) on October 2026', 'Open now: 2']);
    expect(document.sections[4]?.table.rows).toEqual([['balance late', 2, 0, 2]]);
    expect(document.sections[6]?.table.rows[0]).toEqual(['001', '75%', 4, '–', '–', 88]);
    expect(document.sections[7]?.table.rows).toEqual([['PMC', 2, 2.5, 1, '50%']]);
    expect(document.sections[8]?.table.rows).toEqual([
      ['complaint', 'damage', 3, 0],
      ['quality', 'damage complaint', 3, 0],
      ['production', 'balance late', 2, 0],
    ]);
  });

  it('a day in Chinese: a chart by customer; without amounts for a reader who may not see them', () => {
    const document = reportDocument(sample(dayPeriod('2026-11-30'), false), 'zh-CN');
    expect(document.title).toBe('日报 2026-11-30');
    expect(document.fileName).toBe('daily-report-2026-11-30');
    const [sales] = document.sections;
    expect(sales?.heading).toBe('销售（按客户）');
    expect(sales?.chart?.kind).toBe('bar');
    expect(sales?.chart?.categories).toEqual(['001', '002']);
    expect(sales?.table.columns).toEqual(['客户', '收到订单', '确认订单', '出货', '签收', '取消订单', '拒绝订单']);
    expect(sales?.notes?.[0]).toBe('收到订单 42，与2026年11月29日 星期日相比增加 8 (+24%)');
  });
});
