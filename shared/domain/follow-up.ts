import type { Approval } from '../schemas/approval.ts';
import type { DeliveryStatus } from '../schemas/delivery.ts';
import type { Order } from '../schemas/order.ts';
import { promisedUnshippedStatuses } from './order-status.ts';

type OrderStatus = Order['status'];

import { companyTimeZone } from './company.ts';
import { calendarDateIn, daysBetween, type IsoDate } from './lead-time.ts';

/**
 * R7, the daily follow-up (schedule `daily-follow-up`): who gets which digest, from what is waiting on people. Pure:
 * the worker reads the pending approvals, the overdue items and the open orders, and resolves people from the
 * staff directory (docs/decisions/daily-follow-up.md).
 */

/**
 * An open order with no step for this many days is stuck: its merchandiser is asked to move it on. Five days is a
 * working week — longer than any step of intake or production waits without a reminder of its own.
 */
export const stuckAfterDays = 5;

/** R5/R7: the statuses in which an order's promised date still has goods to ship. */
export const unshippedStatuses = promisedUnshippedStatuses;

/**
 * The order statuses in which the company, not the customer, moves the order on: an order still in them without a
 * step for `stuckAfterDays` is stuck. Once shipped it waits on the customer (its receipt, its payment), which the
 * shipping and receivables checks follow.
 */
export const stuckStatuses = [
  'in_review',
  'planning',
  'awaiting_promise',
  ...unshippedStatuses,
] as const satisfies readonly OrderStatus[];

/** R23: a delivery on its way is late once the day it was expected has passed unsigned for. */
export const lateDeliveryStatuses = ['shipped', 'in_transit', 'arrived'] as const satisfies readonly DeliveryStatus[];

/** F7: a delivery held beyond its customer's credit limit waits on the account's people from the day it was held. */
export const heldDeliveryStatuses = ['awaiting_credit'] as const satisfies readonly DeliveryStatus[];

export type PendingApproval = Pick<
  Approval,
  'id' | 'ask' | 'subject' | 'assignee' | 'createdAt' | 'expiresAt' | 'reminder' | 'escalatedFrom'
>;

/** Something late, owned by one person (by e-mail): `due` is the day it should have been done by. */
export type OverdueItem = {
  kind: 'approval' | 'complaint' | 'statement' | 'promised-date' | 'delivery-late' | 'delivery-held';
  owner: string;
  /** What it is, as the digest lists it (an approval's ask, a complaint's number and customer…). */
  label: string;
  due: IsoDate;
  /** An approval's: the digest mints a link to decide it from. */
  approval?: Pick<Approval, 'id' | 'expiresAt'>;
};

export type OpenOrder = { number: string; status: OrderStatus; updatedAt: string; merchandiser: string };

export type LateItem = OverdueItem & { daysLate: number };
export type StuckOrder = OpenOrder & { lastStepOn: IsoDate; daysStill: number };

export type Digest = {
  person: string;
  /** Approvals waiting on the person, not yet due, oldest first. */
  pending: PendingApproval[];
  /** The person's overdue items (their overdue approvals among them), oldest first. */
  overdue: LateItem[];
  /** Merchandisers: their customers' orders with no step for `stuckAfterDays`, longest still first. */
  stuck: StuckOrder[];
  /** Leaders: their team's overdue items, oldest first. */
  team: LateItem[];
};

/**
 * When a pending approval should have been answered: a first request by the end of its wait (`expiresAt`, when the
 * workflow reminds); a reminder or an escalation was already late when it was asked (`createdAt`).
 */
export function approvalDue(approval: PendingApproval): IsoDate {
  const late = approval.reminder > 0 || approval.escalatedFrom !== undefined;
  return calendarDateIn(new Date(late ? approval.createdAt : approval.expiresAt), companyTimeZone);
}

/** An approval as an item that may be overdue, owned by its assignee. */
export const approvalItem = (approval: PendingApproval): OverdueItem => ({
  kind: 'approval',
  owner: approval.assignee,
  label: `${approval.ask} — ${approval.subject.title}`,
  due: approvalDue(approval),
  approval: { id: approval.id, expiresAt: approval.expiresAt },
});

const byDue = (a: LateItem, b: LateItem) => a.due.localeCompare(b.due) || a.label.localeCompare(b.label);

/**
 * Each person's digest for `today`, for those with anything waiting only. `leaderOf` names the person's leader
 * (or their stand-in) by e-mail: they get the overdue items of the people they lead.
 */
export function digests(
  {
    pending,
    overdue,
    openOrders,
  }: { pending: readonly PendingApproval[]; overdue: readonly OverdueItem[]; openOrders: readonly OpenOrder[] },
  today: IsoDate,
  leaderOf: (person: string) => string | undefined,
): Digest[] {
  const people = new Map<string, Digest>();
  const of = (person: string) => {
    const key = person.toLowerCase();
    const digest = people.get(key) ?? { person: key, pending: [], overdue: [], stuck: [], team: [] };
    people.set(key, digest);
    return digest;
  };
  const late = [...overdue, ...pending.map(approvalItem)]
    .filter((item) => item.due < today)
    .map((item) => ({ ...item, daysLate: daysBetween(item.due, today) }));
  for (const item of late) {
    of(item.owner).overdue.push(item);
    const leader = leaderOf(item.owner.toLowerCase());
    if (leader && leader.toLowerCase() !== item.owner.toLowerCase()) of(leader).team.push(item);
  }
  for (const approval of pending) {
    if (approvalDue(approval) >= today) of(approval.assignee).pending.push(approval);
  }
  for (const order of openOrders) {
    const lastStepOn = calendarDateIn(new Date(order.updatedAt), companyTimeZone);
    const daysStill = daysBetween(lastStepOn, today);
    if (daysStill >= stuckAfterDays) of(order.merchandiser).stuck.push({ ...order, lastStepOn, daysStill });
  }
  return [...people.values()].map((digest) => ({
    ...digest,
    pending: digest.pending.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    overdue: digest.overdue.sort(byDue),
    stuck: digest.stuck.sort((a, b) => b.daysStill - a.daysStill || a.number.localeCompare(b.number)),
    team: digest.team.sort(byDue),
  }));
}
