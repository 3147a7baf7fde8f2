/**
 * A sample report (R41) for people to look at (npm run documents:sample) and for the tests: November 2026 against
 * October, 30 days, 30 customers, indicators of R43 — figures made up, shapes real.
 */
import type { ReportDocument } from '../../shared/reports/document.ts';

const customers = [
  ['广州门窗系统有限公司', 'Guangzhou Door & Window Systems'],
  ['佛山市南海区华力五金厂', 'Foshan Nanhai Huali Hardware'],
  ['深圳安居建材贸易有限公司', 'Shenzhen Anju Building Materials'],
  ['东莞永盛铝业', 'Dongguan Yongsheng Aluminium'],
  ['中山市古镇金辉门业', 'Zhongshan Jinhui Doors'],
  ['江门恒通锁具', 'Jiangmen Hengtong Locks'],
] as const;

/** A figure that looks like a business's: deterministic, varied, never negative. */
const wave = (i: number, base: number, spread: number) =>
  Math.round(base + spread * Math.sin(i * 1.7) * Math.cos(i * 0.45));

export function sampleReport({ language }: { language: ReportDocument['language'] }): ReportDocument {
  const zh = language === 'zh-CN';
  const days = Array.from({ length: 30 }, (_, i) => `11-${String(i + 1).padStart(2, '0')}`);
  const november = days.map((_, i) => wave(i, 42_000, 18_000));
  const october = days.map((_, i) => wave(i + 3, 38_000, 15_000));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const total = (values: number[]) => sum(values).toLocaleString('en');
  const growth = ((sum(november) / sum(october) - 1) * 100).toFixed(1);
  const names = Array.from({ length: 30 }, (_, i) => {
    const [cn, en] = customers[i % customers.length] ?? ['', ''];
    return i < customers.length
      ? zh
        ? cn
        : en
      : zh
        ? `${cn}（${Math.floor(i / customers.length) + 1}号厂）`
        : `${en} (plant ${Math.floor(i / customers.length) + 1})`;
  });
  const orders = names.map((_, i) => Math.max(1, wave(i, 14, 11)));
  const amounts = names.map((_, i) => wave(i, 48_000, 30_000) + 0.5);
  const onTime = names.map((_, i) => Math.min(100, wave(i, 93, 7)));
  const months = zh ? ['6月', '7月', '8月', '9月', '10月', '11月'] : ['Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov'];
  return {
    title: zh ? '月度报告 2026年11月' : 'Monthly report November 2026',
    period: zh ? '2026年11月，与2026年10月比较' : 'November 2026 compared with October 2026',
    language,
    fileName: 'monthly-report-2026-11',
    sections: [
      {
        heading: zh ? '每日销售额' : 'Sales by day',
        notes: [
          zh
            ? `11月销售额 ${total(november)} 元，比10月增加 ${growth}%。`
            : `Sales in November: CNY ${total(november)}, ${growth}% more than in October.`,
        ],
        table: {
          columns: zh ? ['日期', '11月（元）', '10月（元）'] : ['Day', 'November (CNY)', 'October (CNY)'],
          rows: days.map((day, i) => [day, november[i] ?? 0, october[i] ?? 0]),
        },
        chart: {
          kind: 'bar',
          title: zh ? '每日销售额' : 'Sales by day',
          categories: days,
          series: [
            { name: zh ? '11月' : 'November', values: november },
            { name: zh ? '10月' : 'October', values: october },
          ],
          unit: zh ? '元' : 'CNY',
        },
      },
      {
        heading: zh ? '客户订单与准时交货' : 'Orders and on-time delivery by customer',
        table: {
          columns: zh
            ? ['客户', '订单数', '金额（元）', '准时交货率 %']
            : ['Customer', 'Orders', 'Amount (CNY)', 'On time %'],
          rows: names.map((name, i) => [name, orders[i] ?? 0, amounts[i] ?? 0, onTime[i] ?? 0]),
        },
        chart: {
          kind: 'bar',
          title: zh ? '各客户订单数' : 'Orders by customer',
          categories: names,
          series: [{ name: zh ? '订单数' : 'Orders', values: orders }],
          unit: zh ? '单' : 'orders',
        },
      },
      {
        heading: zh ? '关键指标（R43）' : 'Key indicators (R43)',
        notes: [
          zh
            ? '准时交货率连续三个月上升；投诉处理时间仍高于目标（48 小时）。'
            : 'On-time delivery has risen three months running; complaint handling still takes longer than the 48-hour target.',
        ],
        table: {
          columns: zh
            ? ['月份', '准时交货率 %', '订单响应时间（天）', '投诉处理时间（小时）', '客户满意度']
            : ['Month', 'On time %', 'Response (days)', 'Complaint handling (hours)', 'Satisfaction'],
          rows: months.map((month, i) => [
            month,
            [88.2, 90.1, 89.4, 91.7, 93.5, 95.2][i] ?? 0,
            [6.1, 5.8, 6.4, 5.2, 4.9, 4.6][i] ?? 0,
            [72, 65, 70, 58, 55, 52][i] ?? 0,
            [86, 87, 85, 88, 89, 90][i] ?? 0,
          ]),
        },
        chart: {
          kind: 'line',
          title: zh ? '准时交货率与客户满意度' : 'On-time delivery and satisfaction',
          categories: months,
          series: [
            { name: zh ? '准时交货率 %' : 'On time %', values: [88.2, 90.1, 89.4, 91.7, 93.5, 95.2] },
            { name: zh ? '客户满意度（百分制）' : 'Satisfaction (of 100)', values: [86, 87, 85, 88, 89, 90] },
          ],
        },
      },
      {
        heading: zh ? '本月问题汇总' : 'Problems this month',
        table: {
          columns: zh ? ['类别', '件数', '已处理', '备注'] : ['Kind', 'Count', 'Handled', 'Remarks'],
          rows: zh
            ? [
                ['质量投诉', 4, 3, '锁体 503085A 批次 <2611-07> 异响'],
                ['交期延误', 2, 2, '铝材到货晚 & 备货单改版'],
                ['退货', 1, 0, ''],
              ]
            : [
                ['Quality complaints', 4, 3, 'Lock body 503085A, batch <2611-07>: noise'],
                ['Late deliveries', 2, 2, 'Aluminium arrived late & stock-prep form revised'],
                ['Returns', 1, 0, ''],
              ],
        },
      },
    ],
  };
}
