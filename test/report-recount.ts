import { companyTimeZone } from '../shared/domain/company.ts';
import { calendarDateIn, daysBetween } from '../shared/domain/lead-time.ts';
import { parseOrderNumber } from '../shared/domain/order-number.ts';
import type { DomainEvent } from '../shared/schemas/events.ts';

/**
 * R41, R43: the figures of a period recounted straight from the events — each event once, whatever the order they
 * came in — to hold the kept figures against (docs/kpis.md gives the same definitions in words).
 */

type Tally = Record<string, number>;
const bump = (tally: Tally, name: string, by = 1) => {
  tally[name] = (tally[name] ?? 0) + by;
};
const dayOf = (instant: string) => calendarDateIn(new Date(instant), companyTimeZone);
const customerOf = (orderNumber: string) => parseOrderNumber(orderNumber)?.customerCode ?? '-';

export type Recount = {
  orders: Tally;
  amounts: Record<string, Tally>;
  complaints: Tally;
  byKind: Tally;
  production: Tally;
  quality: Tally;
  byCustomer: Record<string, Tally>;
  openComplaints: number;
};

const goodsKinds: Record<string, string> = {
  quality: 'qualityComplaint',
  damage: 'damageComplaint',
  short_shipment: 'shortShipmentComplaint',
  wrong_goods: 'wrongGoodsComplaint',
};

/** The events once each (a redelivery has the same id). */
export const distinct = (events: readonly DomainEvent[]) => [...new Map(events.map((e) => [e.id, e])).values()];

/** What the period [from, to] (company days) counts, for every customer or one. */
export function recount(events: readonly DomainEvent[], from: string, to: string, customer?: string): Recount {
  const result: Recount = {
    orders: {},
    amounts: {},
    complaints: {},
    byKind: {},
    production: {},
    quality: {},
    byCustomer: {},
    openComplaints: 0,
  };
  const money = (what: string, currency: string, amount: number | undefined) => {
    if (amount === undefined) return;
    result.amounts[what] ??= {};
    bump(result.amounts[what], currency, amount);
  };
  for (const event of distinct(events)) {
    const orderNumber =
      'order' in event.data && event.data.order && 'number' in event.data.order
        ? event.data.order.number
        : 'complaint' in event.data
          ? event.data.complaint.orderNumber
          : 'return' in event.data
            ? event.data.return.orderNumber
            : undefined;
    const who = orderNumber ? customerOf(orderNumber) : undefined;
    if (customer && who !== customer) continue;
    if (event.type === 'ComplaintRegistered') result.openComplaints += 1;
    if (event.type === 'ComplaintAnswered') result.openComplaints -= 1;
    const day =
      event.type === 'DeliveryShipped'
        ? (event.data.shipment.shippedOn ?? dayOf(event.occurredAt))
        : event.type === 'DeliverySignedFor'
          ? event.data.receipt.signedOn
          : dayOf(event.occurredAt);
    if (day < from || day > to) continue;
    const order = (what: string) => {
      bump(result.orders, what);
      if (who) {
        result.byCustomer[who] ??= {};
        bump(result.byCustomer[who], what);
      }
    };
    switch (event.type) {
      case 'OrderPlaced':
        order('received');
        money('received', event.data.order.currency, event.data.order.totals.amount);
        break;
      case 'OrderAcknowledged':
        if (event.data.order.status !== 'acknowledged') break;
        order('confirmed');
        money('confirmed', event.data.order.currency, event.data.order.totals.amount);
        break;
      case 'OrderDepositRecorded':
        order('confirmed');
        money('confirmed', event.data.order.currency, event.data.order.totals.amount);
        break;
      case 'OrderRejected':
        order('rejected');
        break;
      case 'OrderCancelled':
        order('cancelled');
        money('cancelled', event.data.order.currency, event.data.order.totals.amount);
        break;
      case 'DeliveryShipped':
        order('shipped');
        money('shipped', event.data.order.currency, event.data.amount);
        break;
      case 'DeliverySignedFor':
        order('delivered');
        if (event.data.receipt.condition === 'damaged') bump(result.quality, 'receiptDamaged');
        if (event.data.receipt.condition === 'short') bump(result.quality, 'receiptShort');
        break;
      case 'ComplaintRegistered': {
        const kind = event.data.complaint.kind;
        bump(result.complaints, 'new');
        bump(result.byKind, kind);
        if (kind === 'late') bump(result.production, 'lateComplaint');
        else bump(result.quality, goodsKinds[kind] as string);
        break;
      }
      case 'ComplaintAnswered':
        bump(result.complaints, 'closed');
        break;
      case 'ComplaintOverdue':
        bump(result.complaints, 'overdue');
        if (event.data.daysOverdue === 1) bump(result.complaints, 'becameOverdue');
        break;
      case 'OrderPromiseLate':
        bump(result.production, 'promiseLate');
        break;
      case 'OrderDepositLate':
        bump(result.production, 'depositLate');
        break;
      case 'OrderIntakeLapsed':
        bump(result.production, 'intakeLapsed');
        break;
      case 'BalanceLate':
        bump(result.production, 'balanceLate');
        break;
      case 'DeliveryHeld':
        bump(result.production, 'deliveryHeld');
        break;
      case 'DeliveryStalled':
        bump(result.production, 'deliveryStalled');
        break;
      case 'DeliveryLate':
        bump(result.production, 'deliveryLate');
        break;
      case 'ReturnApplied':
        bump(result.quality, 'returnApplied');
        break;
      case 'ReturnReceivedWithDifference':
        bump(result.quality, 'returnDifference');
        break;
    }
  }
  return result;
}

export type KpiRecount = {
  delivered: number;
  onTime: number;
  responseDays: number;
  shipped: number;
  answered: number;
  handlingMinutes: number;
  answers: number;
  score: number;
  approvals: Record<string, { decided: number; minutes: number; within: number }>;
};

/** R43: a month's KPI sums, for every customer or one (docs/kpis.md). */
export function recountKpis(events: readonly DomainEvent[], month: string, customer?: string): KpiRecount {
  const k: KpiRecount = {
    delivered: 0,
    onTime: 0,
    responseDays: 0,
    shipped: 0,
    answered: 0,
    handlingMinutes: 0,
    answers: 0,
    score: 0,
    approvals: {},
  };
  const minutes = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
  for (const event of distinct(events)) {
    switch (event.type) {
      case 'DeliverySignedFor': {
        const { order, receipt } = event.data;
        if (receipt.signedOn.slice(0, 7) !== month || (customer && customerOf(order.number) !== customer)) break;
        k.delivered += 1;
        if (receipt.signedOn <= (order.promisedDate ?? order.requestedDate)) k.onTime += 1;
        break;
      }
      case 'DeliveryShipped': {
        const { order, shipment } = event.data;
        const shippedOn = shipment.shippedOn ?? dayOf(event.occurredAt);
        const start = order.promiseBasis ?? order.depositReceivedOn;
        if (!start || shippedOn.slice(0, 7) !== month || (customer && customerOf(order.number) !== customer)) break;
        k.shipped += 1;
        k.responseDays += Math.max(0, daysBetween(start, shippedOn));
        break;
      }
      case 'ComplaintAnswered': {
        const { complaint } = event.data;
        if (!complaint.registeredAt || dayOf(event.occurredAt).slice(0, 7) !== month) break;
        if (customer && customerOf(complaint.orderNumber) !== customer) break;
        k.answered += 1;
        k.handlingMinutes += minutes(complaint.registeredAt, event.occurredAt);
        break;
      }
      case 'SatisfactionSurveyAnswered': {
        const { answer } = event.data;
        if (dayOf(answer.answeredAt).slice(0, 7) !== month || (customer && answer.customerCode !== customer)) break;
        k.answers += 1;
        k.score += answer.score;
        break;
      }
      case 'ApprovalDecided': {
        const { approval } = event.data;
        if (!approval.decision || dayOf(approval.decision.at).slice(0, 7) !== month) break;
        k.approvals[approval.role] ??= { decided: 0, minutes: 0, within: 0 };
        const role = k.approvals[approval.role] as { decided: number; minutes: number; within: number };
        role.decided += 1;
        role.minutes += minutes(approval.createdAt, approval.decision.at);
        if (approval.decision.at <= approval.expiresAt) role.within += 1;
        break;
      }
    }
  }
  return k;
}
