import type { Language } from '../schemas/common.ts';
import type { Order } from '../schemas/order.ts';

type OrderStatus = Order['status'];

/** R5, R11: PMC has promised the order a date and it still has goods to ship. */
export const promisedUnshippedStatuses = [
  'acknowledged',
  'awaiting_deposit',
  'in_production',
  'finished',
  'ready_to_ship',
  'partly_shipped',
] as const satisfies readonly OrderStatus[];

/** An order's status as people read it, in both languages (pages and e-mails never show the code). */
export const orderStatusWords: Record<OrderStatus, Record<Language, string>> = {
  in_review: { 'zh-CN': '初审中', en: 'in its initial review' },
  planning: { 'zh-CN': '计划汇审中', en: "in the planner's review" },
  awaiting_promise: { 'zh-CN': '待回复交期', en: "waiting for PMC's promised date" },
  acknowledged: { 'zh-CN': '已确认', en: 'confirmed to the customer' },
  awaiting_deposit: { 'zh-CN': '待收订金', en: 'waiting for its deposit' },
  in_production: { 'zh-CN': '生产中', en: 'in production' },
  finished: { 'zh-CN': '生产完成', en: 'finished in production' },
  ready_to_ship: { 'zh-CN': '待出货', en: 'ready to ship' },
  partly_shipped: { 'zh-CN': '部分出货', en: 'partly shipped' },
  shipped: { 'zh-CN': '已出货', en: 'shipped' },
  delivered: { 'zh-CN': '已签收', en: 'delivered' },
  closed: { 'zh-CN': '已结案', en: 'closed' },
  rejected: { 'zh-CN': '已拒绝', en: 'rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
  merged: { 'zh-CN': '已合并', en: 'merged into another order' },
};

/** Both languages side by side, for the staff's pages: "生产中 in production". */
export const orderStatusInWords = (status: OrderStatus) =>
  `${orderStatusWords[status]['zh-CN']} ${orderStatusWords[status].en}`;
