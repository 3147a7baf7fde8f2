import type { KpiReport, Report, ReportFigures, ReportPeriod } from '../schemas/report.ts';
import type { ReportCell, ReportDocument, ReportSection } from './document.ts';

/**
 * R41: a report's figures as a document of sections — sales, complaints, anomalies, KPIs, the problem summary — in
 * the reader's language, each section's notes comparing the period with the one before. Pure; rendered elsewhere
 * (an HTML e-mail with charts, a spreadsheet).
 */
type Language = ReportDocument['language'];
type Words = Record<Language, string>;

const w = (zh: string, en: string): Words => ({ 'zh-CN': zh, en });

/** The roles whose approvals are measured (R43), as the readers call them. */
const roleLabels: Record<string, Words> = {
  merchandiser: w('跟单员', 'Merchandiser'),
  planner: w('客服计划员', 'Planner'),
  pmc: w('PMC', 'PMC'),
  'sales-admin': w('销管员', 'Sales admin'),
  warehouse: w('仓库', 'Warehouse'),
  finance: w('财务', 'Finance'),
  qa: w('品质', 'QA'),
  leader: w('领导', 'Leader'),
  gm: w('总经理', 'General manager'),
  admin: w('系统管理员', 'Administrator'),
};

const labels = {
  daily: w('日报', 'Daily report'),
  weekly: w('周报', 'Weekly report'),
  monthly: w('月报', 'Monthly report'),
  salesByCustomer: w('销售（按客户）', 'Sales by customer'),
  salesByRegion: w('销售（按地区）', 'Sales by region'),
  salesByType: w('销售（按产品类型）', 'Sales by product type'),
  complaints: w('客诉', 'Complaints'),
  production: w('生产异常', 'Production anomalies'),
  quality: w('品质异常', 'Quality anomalies'),
  kpis: w('关键绩效指标', 'Key performance indicators'),
  approvals: w('审批响应（按角色）', 'Approval response by role'),
  problems: w('问题汇总', 'Problem summary'),
  customer: w('客户', 'Customer'),
  region: w('地区', 'Region'),
  productType: w('产品类型', 'Product type'),
  day: w('日期', 'Day'),
  figure: w('项目', 'Figure'),
  kind: w('类别', 'Kind'),
  area: w('方面', 'Area'),
  thisPeriod: w('本期', 'This period'),
  previous: w('上期', 'Previous period'),
  change: w('变化', 'Change'),
  role: w('角色', 'Role'),
  orders: w('订单', 'orders'),
  total: w('合计', 'Total'),
  none: w('无', 'None'),
  open: w('未结', 'Open now'),
  onTimeRate: w('准时交货率', 'On-time delivery rate'),
  delivered: w('签收交货数', 'Deliveries signed for'),
  responseDays: w('订单反应时间（天）', 'Order response time (days)'),
  complaintHours: w('客诉处理时间（小时）', 'Complaint handling time (hours)'),
  satisfaction: w('客户满意度', 'Customer satisfaction'),
  decided: w('已决定', 'Decided'),
  averageHours: w('平均小时', 'Average hours'),
  withinDeadline: w('期限内', 'Within deadline'),
  rate: w('比率', 'Rate'),
} satisfies Record<string, Words>;

const orderLabels = {
  received: w('收到订单', 'Orders received'),
  confirmed: w('确认订单', 'Orders confirmed'),
  shipped: w('出货', 'Deliveries shipped'),
  delivered: w('签收', 'Deliveries signed for'),
  cancelled: w('取消订单', 'Orders cancelled'),
  rejected: w('拒绝订单', 'Orders rejected'),
} as const;

const amountLabels = {
  received: w('订单金额', 'Ordered'),
  shipped: w('出货金额', 'Shipped'),
} as const;

const complaintLabels = {
  new: w('新客诉', 'New complaints'),
  closed: w('已答复客诉', 'Complaints answered'),
  overdue: w('逾期提醒', 'Overdue notices'),
  becameOverdue: w('新逾期客诉', 'Complaints gone overdue'),
} as const;

const kindLabels: Record<string, Words> = {
  quality: w('质量', 'quality'),
  short_shipment: w('短装', 'short shipment'),
  wrong_goods: w('错货', 'wrong goods'),
  damage: w('破损', 'damage'),
  late: w('延误', 'late delivery'),
  promiseLate: w('PMC 未按时回复交期', 'promised date late (PMC)'),
  depositLate: w('订金逾期', 'deposit late'),
  intakeLapsed: w('接单无人处理', 'intake step unanswered'),
  balanceLate: w('尾款逾期', 'balance late'),
  deliveryHeld: w('超信用额度暂停出货', 'delivery held (credit)'),
  deliveryStalled: w('出货步骤无人处理', 'shipping step stalled'),
  deliveryLate: w('未按时签收', 'delivery not signed for in time'),
  lateComplaint: w('交期客诉', 'late-delivery complaint'),
  receiptDamaged: w('签收破损', 'received damaged'),
  receiptShort: w('签收短少', 'received short'),
  qualityComplaint: w('质量客诉', 'quality complaint'),
  damageComplaint: w('破损客诉', 'damage complaint'),
  shortShipmentComplaint: w('短装客诉', 'short-shipment complaint'),
  wrongGoodsComplaint: w('错货客诉', 'wrong-goods complaint'),
  returnApplied: w('退货申请', 'return applied for'),
  returnDifference: w('退货数量差异', 'return received with a difference'),
};

const areaLabels: Record<string, Words> = {
  production: w('生产', 'production'),
  quality: w('品质', 'quality'),
  complaint: w('客诉', 'complaint'),
};

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdays = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  zh: '一二三四五六日',
};

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];
const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

function dayInWords(date: string, language: Language, withWeekday = true) {
  const [y, m, d] = parts(date);
  if (language === 'zh-CN') return `${y}年${m}月${d}日${withWeekday ? ` 星期${weekdays.zh[weekday(date)]}` : ''}`;
  return `${withWeekday ? `${weekdays.en[weekday(date)]} ` : ''}${d} ${monthNames[m - 1]} ${y}`;
}

function monthInWords(month: string, language: Language) {
  const [y, m] = parts(`${month}-01`);
  return language === 'zh-CN' ? `${y}年${m}月` : `${monthNames[m - 1]} ${y}`;
}

/** The period as a reader says it: "Monday 30 November 2026", "week 49 of 2026", "November 2026". */
export function periodInWords(period: ReportPeriod, language: Language) {
  if (period.kind === 'day') return dayInWords(period.id, language);
  if (period.kind === 'month') return monthInWords(period.id, language);
  const [year, week] = period.id.split('-W');
  const span = `${dayInWords(period.from, language, false)} – ${dayInWords(period.to, language, false)}`;
  return language === 'zh-CN' ? `${year}年第${Number(week)}周（${span}）` : `week ${Number(week)} of ${year} (${span})`;
}

/** "Orders received 42, up 8 (+23%) on October 2026" */
export function comparison(what: Words, now: number, before: number, previous: string, language: Language) {
  const difference = now - before;
  const percent = before === 0 ? '' : ` (${difference >= 0 ? '+' : ''}${Math.round((difference / before) * 100)}%)`;
  if (language === 'zh-CN') {
    const change = difference === 0 ? '持平' : `${difference > 0 ? '增加' : '减少'} ${Math.abs(difference)}${percent}`;
    return `${what['zh-CN']} ${now}，与${previous}相比${change}`;
  }
  const change =
    difference === 0 ? 'the same as' : `${difference > 0 ? 'up' : 'down'} ${Math.abs(difference)}${percent} on`;
  return `${what.en} ${now}, ${change} ${previous}`;
}

const amount = (value: number | undefined) => Math.round((value ?? 0) * 100) / 100;

/** The currencies the figures have amounts in, in order. */
const currenciesOf = (all: readonly ReportFigures[]) =>
  [
    ...new Set(
      all.flatMap((f) => (f.amounts ? [...Object.keys(f.amounts.received), ...Object.keys(f.amounts.shipped)] : [])),
    ),
  ].sort();

function salesTable(rows: readonly { name: string; figures: ReportFigures }[], head: Words, language: Language) {
  const currencies = currenciesOf(rows.map((r) => r.figures));
  const withAmounts = rows.some((r) => r.figures.amounts);
  const counted = Object.keys(orderLabels) as (keyof typeof orderLabels)[];
  const columns = [
    head[language],
    ...counted.map((what) => orderLabels[what][language]),
    ...(withAmounts
      ? currencies.flatMap((currency) => [
          `${amountLabels.received[language]} ${currency}`,
          `${amountLabels.shipped[language]} ${currency}`,
        ])
      : []),
  ];
  return {
    columns,
    rows: rows.map(({ name, figures }): ReportCell[] => [
      name,
      ...counted.map((what) => figures.orders[what]),
      ...(withAmounts
        ? currencies.flatMap((c) => [amount(figures.amounts?.received[c]), amount(figures.amounts?.shipped[c])])
        : []),
    ]),
  };
}

const kindName = (kind: string, language: Language) => kindLabels[kind]?.[language] ?? kind;

function byKindTable(now: Record<string, number>, before: Record<string, number>, language: Language) {
  const kinds = [...new Set([...Object.keys(now), ...Object.keys(before)])].sort(
    (a, b) => (now[b] ?? 0) - (now[a] ?? 0) || a.localeCompare(b),
  );
  return {
    columns: [labels.kind[language], labels.thisPeriod[language], labels.previous[language], labels.change[language]],
    rows: kinds.map((kind) => [
      kindName(kind, language),
      now[kind] ?? 0,
      before[kind] ?? 0,
      (now[kind] ?? 0) - (before[kind] ?? 0),
    ]),
  };
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const fixed = (value: number | null, digits = 1) => (value === null ? '–' : Number(value.toFixed(digits)));
const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10}%`);

function kpiSections(kpis: KpiReport, language: Language): ReportSection[] {
  const row = (name: string, k: KpiReport['total']): ReportCell[] => [
    name,
    percent(k.onTimeDelivery.rate),
    k.onTimeDelivery.delivered,
    fixed(k.responseTime.averageDays),
    fixed(k.complaintHandling.averageHours),
    fixed(k.satisfaction.averageScore),
  ];
  const kpiSection: ReportSection = {
    heading: `${labels.kpis[language]} · ${monthInWords(kpis.month, language)}`,
    notes: [
      `${labels.onTimeRate[language]} ${percent(kpis.total.onTimeDelivery.rate)}; ${labels.responseDays[language]} ${fixed(kpis.total.responseTime.averageDays)}; ${labels.complaintHours[language]} ${fixed(kpis.total.complaintHandling.averageHours)}; ${labels.satisfaction[language]} ${fixed(kpis.total.satisfaction.averageScore)}`,
    ],
    table: {
      columns: [
        labels.customer[language],
        labels.onTimeRate[language],
        labels.delivered[language],
        labels.responseDays[language],
        labels.complaintHours[language],
        labels.satisfaction[language],
      ],
      rows: [
        ...kpis.byCustomer.map((k) => row(k.customer, k)),
        ...(kpis.byCustomer.length > 1 ? [row(labels.total[language], kpis.total)] : []),
      ],
    },
    chart: {
      kind: 'bar',
      title: labels.onTimeRate[language],
      categories: kpis.byCustomer.map((k) => k.customer),
      series: [
        {
          name: labels.onTimeRate[language],
          values: kpis.byCustomer.map((k) => Math.round((k.onTimeDelivery.rate ?? 0) * 1000) / 10),
        },
      ],
      unit: '%',
    },
  };
  if (!kpis.approvals) return [kpiSection];
  return [
    kpiSection,
    {
      heading: labels.approvals[language],
      table: {
        columns: [
          labels.role[language],
          labels.decided[language],
          labels.averageHours[language],
          labels.withinDeadline[language],
          labels.rate[language],
        ],
        rows: kpis.approvals.map((a) => [
          roleLabels[a.role]?.[language] ?? a.role,
          a.decided,
          fixed(a.averageHours),
          a.withinDeadline,
          percent(a.rate),
        ]),
      },
    },
  ];
}

const titles = { day: labels.daily, week: labels.weekly, month: labels.monthly } as const;
const fileNames = { day: 'daily-report', week: 'weekly-report', month: 'monthly-report' } as const;

/** R41: the document a report is presented from, in `language`. */
export function reportDocument(report: Report, language: Language): ReportDocument {
  const { period, figures, previousFigures: before } = report;
  const previous = periodInWords(report.previous, language);
  const customers = report.byCustomer.map((r) => ({ name: r.customer, figures: r.figures }));
  const regions = report.byRegion.map((r) => ({ name: r.region, figures: r.figures }));
  const types = report.byProductType.map((r) => ({ name: r.productType, figures: r.figures }));
  const salesNotes = (['received', 'confirmed', 'shipped', 'delivered'] as const).map((what) =>
    comparison(orderLabels[what], figures.orders[what], before.orders[what], previous, language),
  );
  const byDay = period.kind !== 'day';
  const chartRows = byDay ? report.byDay.map((d) => ({ name: d.date.slice(5), figures: d.figures })) : customers;
  const sales: ReportSection = {
    heading: labels.salesByCustomer[language],
    notes: salesNotes,
    table: salesTable(customers, labels.customer, language),
    chart: {
      kind: byDay ? 'line' : 'bar',
      title: `${labels.salesByCustomer[language].replace(/[（(].*$/, '')} · ${(byDay ? labels.day : labels.customer)[language]}`,
      categories: chartRows.map((r) => r.name),
      series: (['received', 'shipped'] as const).map((what) => ({
        name: orderLabels[what][language],
        values: chartRows.map((r) => r.figures.orders[what]),
      })),
      unit: labels.orders[language],
    },
  };
  const complaints: ReportSection = {
    heading: labels.complaints[language],
    notes: [
      comparison(complaintLabels.new, figures.complaints.new, before.complaints.new, previous, language),
      `${labels.open[language]}: ${report.openComplaints}`,
    ],
    table: {
      columns: [
        labels.figure[language],
        labels.thisPeriod[language],
        labels.previous[language],
        labels.change[language],
      ],
      rows: [
        ...(Object.keys(complaintLabels) as (keyof typeof complaintLabels)[]).map((what): ReportCell[] => [
          complaintLabels[what][language],
          figures.complaints[what],
          before.complaints[what],
          figures.complaints[what] - before.complaints[what],
        ]),
        [labels.open[language], report.openComplaints, '', ''],
        ...byKindTable(figures.complaints.byKind, before.complaints.byKind, language).rows,
      ],
    },
  };
  const anomaly = (area: 'production' | 'quality'): ReportSection => ({
    heading: labels[area][language],
    notes: [comparison(labels[area], sum(figures[area]), sum(before[area]), previous, language)],
    table: byKindTable(figures[area], before[area], language),
  });
  const problems: ReportSection = {
    heading: labels.problems[language],
    ...(report.problems.length === 0 ? { notes: [labels.none[language]] } : {}),
    table: {
      columns: [labels.area[language], labels.kind[language], labels.thisPeriod[language], labels.previous[language]],
      rows: report.problems.map((p) => [
        areaLabels[p.area]?.[language] ?? p.area,
        kindName(p.kind, language),
        p.count,
        p.previous,
      ]),
    },
  };
  const subject = report.customer ? ` · ${report.customer}` : '';
  return {
    title: `${titles[period.kind][language]} ${period.id}${subject}`,
    period:
      period.kind === 'month'
        ? language === 'zh-CN'
          ? `${periodInWords(period, language)}（与${previous}比较）`
          : `${periodInWords(period, language)} compared with ${previous}`
        : periodInWords(period, language),
    language,
    sections: [
      sales,
      {
        heading: labels.salesByRegion[language],
        table: salesTable(regions, labels.region, language),
      },
      {
        heading: labels.salesByType[language],
        table: salesTable(types, labels.productType, language),
      },
      complaints,
      anomaly('production'),
      anomaly('quality'),
      ...kpiSections(report.kpis, language),
      problems,
    ],
    fileName: `${fileNames[period.kind]}-${period.id}${report.customer ? `-${report.customer}` : ''}`,
  };
}
