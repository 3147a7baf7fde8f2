import type { DomainEvent, DomainEventType, EventOf } from '../schemas/events.ts';
import { companyTimeZone } from './company.ts';
import { calendarDateIn, daysBetween, type IsoDate } from './lead-time.ts';
import { parseOrderNumber } from './order-number.ts';

/**
 * R41, R43: the report figures an event adds to (docs/decisions/report-figures.md, docs/kpis.md). Every figure is a
 * sum or a count, so a report is the sum of what its events contributed whatever order they arrived in; the worker
 * adds each event's contribution once (shared/persistence/report-figures.ts). Pure: no I/O.
 */

/** A counter's name and how much an event adds to it. Amounts are `amount.<what>.<currency>`. */
export type Counters = Record<string, number>;

/** What the sales, complaint and anomaly figures are kept by, besides the day: R3's parts of the order number. */
export type Dimensions = { customer: string; productType: string; region: string };

/** What an event adds to the figures of one day (company time) and one customer × product type × region. */
export type FigureIncrement = { day: IsoDate; dimensions: Dimensions; counters: Counters };

/** What an event adds to one customer's KPIs of one month (`YYYY-MM`); approvals are the company's (`customer` *). */
export type KpiIncrement = { month: string; customer: string; counters: Counters };

export type Contribution = { figures: FigureIncrement[]; kpis: KpiIncrement[] };

/** The KPI row of the approvals: they are the company's people's, about no one customer. */
export const companyWide = '*';

/** A dimension the event does not tell (an order number that is not one of R3's). */
export const unknownDimension = '-';

/**
 * Counters kept as a running total for all time rather than by day (the complaints open now: registered minus
 * answered), in one item per customer × product type × region.
 */
export const runningCounters: ReadonlySet<string> = new Set(['complaints.open']);

/** The sales figures (counts), in the order reports show them. */
export const orderCounters = ['received', 'confirmed', 'shipped', 'delivered', 'cancelled', 'rejected'] as const;
/** The amounts kept per currency: ordered, confirmed, shipped (the delivery notes') and cancelled. */
export const amountCounters = ['received', 'confirmed', 'shipped', 'cancelled'] as const;
export type OrderCounter = (typeof orderCounters)[number];
export type AmountCounter = (typeof amountCounters)[number];

/** Production anomalies (R5, R9, F3, R23 and late-delivery complaints), by kind. */
export const productionAnomalies = [
  'promiseLate',
  'depositLate',
  'intakeLapsed',
  'balanceLate',
  'deliveryHeld',
  'deliveryStalled',
  'deliveryLate',
  'lateComplaint',
] as const;
/** Quality anomalies (R23 receipts, F4 complaints of the goods, F5 returns), by kind. */
export const qualityAnomalies = [
  'receiptDamaged',
  'receiptShort',
  'qualityComplaint',
  'damageComplaint',
  'shortShipmentComplaint',
  'wrongGoodsComplaint',
  'returnApplied',
  'returnDifference',
] as const;
export type ProductionAnomaly = (typeof productionAnomalies)[number];
export type QualityAnomaly = (typeof qualityAnomalies)[number];

/** The complaint kinds of F4 and the anomaly each is (a late delivery is production's; the rest are the goods'). */
const complaintAnomaly = {
  quality: 'quality.qualityComplaint',
  damage: 'quality.damageComplaint',
  short_shipment: 'quality.shortShipmentComplaint',
  wrong_goods: 'quality.wrongGoodsComplaint',
  late: 'production.lateComplaint',
} as const;

const one = 1;
const dayOf = (instant: string) => calendarDateIn(new Date(instant), companyTimeZone);
const monthOf = (date: IsoDate) => date.slice(0, 7);
const minutesBetween = (from: string, to: string) =>
  Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000));

/** R3: the customer, product type and region of an order number; the customer code alone when it is not one. */
export function dimensionsOf(orderNumber: string, customerCode?: string): Dimensions {
  const parts = parseOrderNumber(orderNumber);
  if (parts) return { customer: parts.customerCode, productType: parts.productType, region: parts.region };
  return { customer: customerCode ?? unknownDimension, productType: unknownDimension, region: unknownDimension };
}

type OrderFacts = { number: string; customerCode: string; currency: string; totals: { amount?: number } };

const figure = (day: IsoDate, order: Pick<OrderFacts, 'number' | 'customerCode'>, counters: Counters) => ({
  day,
  dimensions: dimensionsOf(order.number, order.customerCode),
  counters,
});

/** An order counted, with its amount in its currency when known. */
const sale = (order: OrderFacts, what: OrderCounter & AmountCounter, amount = order.totals.amount): Counters => ({
  [`orders.${what}`]: one,
  ...(amount !== undefined ? { [`amount.${what}.${order.currency}`]: amount } : {}),
});

/** Each counted event type and what it adds; the worker's bus rules are these types (functions/workers.ts). */
const contributions: { [T in DomainEventType]?: (event: EventOf<T>) => Contribution } = {
  // R41 sales: an order received, with its amount (absent while a line has no price).
  OrderPlaced: ({ occurredAt, data: { order } }) => ({
    figures: [figure(dayOf(occurredAt), order, sale(order, 'received'))],
    kpis: [],
  }),
  /**
   * R8: an order is confirmed when the customer has its promised date and, for a deposit customer, the deposit is in
   * (status `acknowledged`, 已确认): OrderAcknowledged to `acknowledged`, or OrderDepositRecorded.
   */
  OrderAcknowledged: ({ occurredAt, data: { order } }) => ({
    figures: order.status === 'acknowledged' ? [figure(dayOf(occurredAt), order, sale(order, 'confirmed'))] : [],
    kpis: [],
  }),
  OrderDepositRecorded: ({ occurredAt, data: { order } }) => ({
    figures: [figure(dayOf(occurredAt), order, sale(order, 'confirmed'))],
    kpis: [],
  }),
  OrderRejected: ({ occurredAt, data: { order } }) => ({
    figures: [figure(dayOf(occurredAt), order, { 'orders.rejected': one })],
    kpis: [],
  }),
  OrderCancelled: ({ occurredAt, data: { order } }) => ({
    figures: [figure(dayOf(occurredAt), order, sale(order, 'cancelled'))],
    kpis: [],
  }),
  // Production anomalies of intake.
  OrderPromiseLate: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'production.promiseLate'),
  OrderDepositLate: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'production.depositLate'),
  OrderIntakeLapsed: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'production.intakeLapsed'),
  // F3: shipping's anomalies.
  BalanceLate: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'production.balanceLate'),
  DeliveryHeld: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'production.deliveryHeld'),
  DeliveryStalled: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'production.deliveryStalled'),
  DeliveryLate: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'production.deliveryLate'),
  /**
   * R21: a delivery shipped, on its shipping day, with its delivery note's amount; R43's response time: the days
   * from the later of confirmation and deposit (R8's lead-time start, the order's `promiseBasis`) to shipping.
   */
  DeliveryShipped: ({ occurredAt, data: { order, shipment, amount } }) => {
    const day = shipment.shippedOn ?? dayOf(occurredAt);
    const start = order.promiseBasis ?? order.depositReceivedOn;
    return {
      figures: [figure(day, order, sale(order, 'shipped', amount))],
      kpis:
        start !== undefined
          ? [
              {
                month: monthOf(day),
                customer: dimensionsOf(order.number, order.customerCode).customer,
                counters: { 'response.shipped': one, 'response.days': Math.max(0, daysBetween(start, day)) },
              },
            ]
          : [],
    };
  },
  /**
   * R23: a delivery signed for, on the day signed; damaged or short, a quality anomaly. R43 on-time delivery: signed
   * on or before the order's promised date (its requested date when none was promised).
   */
  DeliverySignedFor: ({ data: { order, receipt } }) => {
    const day = receipt.signedOn;
    const due = order.promisedDate ?? order.requestedDate;
    const condition: Counters =
      receipt.condition === 'damaged'
        ? { 'quality.receiptDamaged': one }
        : receipt.condition === 'short'
          ? { 'quality.receiptShort': one }
          : {};
    return {
      figures: [figure(day, order, { 'orders.delivered': one, ...condition })],
      kpis: [
        {
          month: monthOf(day),
          customer: dimensionsOf(order.number, order.customerCode).customer,
          counters: { 'onTime.delivered': one, 'onTime.onTime': day <= due ? one : 0 },
        },
      ],
    };
  },
  // F4: complaints new (by kind; the goods' kinds are quality anomalies, a late delivery production's), closed, overdue.
  ComplaintRegistered: ({ occurredAt, data: { complaint, order } }) => ({
    figures: [
      figure(dayOf(occurredAt), order, {
        'complaints.new': one,
        'complaints.open': one,
        [`complaints.kind.${complaint.kind}`]: one,
        [complaintAnomaly[complaint.kind]]: one,
      }),
    ],
    kpis: [],
  }),
  /** R27: the written reply closes it for the report; R43 handling time: registered to answered, in minutes. */
  ComplaintAnswered: ({ occurredAt, data: { complaint } }) => {
    const dimensions = dimensionsOf(complaint.orderNumber);
    return {
      figures: [
        { day: dayOf(occurredAt), dimensions, counters: { 'complaints.closed': one, 'complaints.open': -one } },
      ],
      kpis: complaint.registeredAt
        ? [
            {
              month: monthOf(dayOf(occurredAt)),
              customer: dimensions.customer,
              counters: {
                'complaint.answered': one,
                'complaint.minutes': minutesBetween(complaint.registeredAt, occurredAt),
              },
            },
          ]
        : [],
    };
  },
  /**
   * R29: each daily notice of a complaint past its due date (`overdue`), and the complaints that became overdue
   * (`becameOverdue`: the notice of the first day past due — the check runs every day).
   */
  ComplaintOverdue: ({ occurredAt, data: { complaint, daysOverdue } }) => ({
    figures: [
      {
        day: dayOf(occurredAt),
        dimensions: dimensionsOf(complaint.orderNumber),
        counters: { 'complaints.overdue': one, ...(daysOverdue === 1 ? { 'complaints.becameOverdue': one } : {}) },
      },
    ],
    kpis: [],
  }),
  // F5: a return applied for, a return received otherwise than applied: quality anomalies.
  ReturnApplied: ({ occurredAt, data: { order } }) => anomaly(occurredAt, order, 'quality.returnApplied'),
  ReturnReceivedWithDifference: ({ occurredAt, data }) => ({
    figures: [
      {
        day: dayOf(occurredAt),
        dimensions: dimensionsOf(data.return.orderNumber),
        counters: { 'quality.returnDifference': one },
      },
    ],
    kpis: [],
  }),
  /** R43: an approval's response time (asked → decided) for its role, and whether it came before its deadline. */
  ApprovalDecided: ({ data: { approval } }) => {
    const decided = approval.decision;
    if (!decided) return { figures: [], kpis: [] };
    const role = approval.role;
    return {
      figures: [],
      kpis: [
        {
          month: monthOf(dayOf(decided.at)),
          customer: companyWide,
          counters: {
            [`approval.${role}.decided`]: one,
            [`approval.${role}.minutes`]: minutesBetween(approval.createdAt, decided.at),
            [`approval.${role}.withinDeadline`]: decided.at <= approval.expiresAt ? one : 0,
          },
        },
      ],
    };
  },
  /** R43: a customer's contact answered the satisfaction survey: its score, in the month answered. */
  SatisfactionSurveyAnswered: ({ data: { answer } }) => ({
    figures: [],
    kpis: [
      {
        month: monthOf(dayOf(answer.answeredAt)),
        customer: answer.customerCode,
        counters: { 'satisfaction.answers': one, 'satisfaction.score': answer.score },
      },
    ],
  }),
};

function anomaly(occurredAt: string, order: Pick<OrderFacts, 'number' | 'customerCode'>, counter: string) {
  return { figures: [figure(dayOf(occurredAt), order, { [counter]: one })], kpis: [] };
}

/** The event types that add to the figures: the report worker's bus rules listen to exactly these. */
export const countedEventTypes = Object.keys(contributions) as DomainEventType[];

/** What one event adds to the report figures; nothing for an event the reports do not count. */
export function contributionOf(event: DomainEvent): Contribution {
  const contribute = contributions[event.type] as ((event: DomainEvent) => Contribution) | undefined;
  if (!contribute) return { figures: [], kpis: [] };
  const { figures, kpis } = contribute(event);
  return { figures: figures.filter((f) => Object.keys(f.counters).length > 0), kpis };
}

/** Counters added into others: the sum of a report's items, or a recount's. */
export function addCounters(into: Counters, more: Counters) {
  for (const [name, value] of Object.entries(more)) into[name] = (into[name] ?? 0) + value;
  return into;
}
