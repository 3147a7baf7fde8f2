import { formatMoney } from '../domain/order-amounts.ts';
import type { CancellationEnded, OrderCancelled } from '../domain/order-cancellation.ts';
import type { Language } from '../schemas/common.ts';
import { composeEmail } from './layout.ts';

const text = {
  'zh-CN': {
    cancelled: (n: string, po: string) => `订单已取消：${n}（贵司订单号 ${po}）`,
    cancelledBody: (n: string) => `贵司取消订单 ${n} 的申请已获批准，订单已取消。`,
    reason: '取消原因',
    credit: (amount: string) => `贵司就此订单已付的 ${amount} 已记为我司应退贵司的款项，将在结算时退还或抵扣。`,
    refused: (n: string, po: string) => `订单取消未获批准：${n}（贵司订单号 ${po}）`,
    refusedBody: (n: string) => `很抱歉，贵司取消订单 ${n} 的申请未获批准，原因如下：`,
    unchanged: '订单将按原计划继续执行。',
    closing: '如有疑问请回复本邮件。',
  },
  en: {
    cancelled: (n: string, po: string) => `Order cancelled: ${n} (your PO ${po})`,
    cancelledBody: (n: string) => `Your request to cancel order ${n} has been approved: the order is cancelled.`,
    reason: 'Reason',
    credit: (amount: string) =>
      `The ${amount} you paid for this order is recorded as a credit we owe you; it will be refunded or set off when we settle.`,
    refused: (n: string, po: string) => `Cancellation not approved: ${n} (your PO ${po})`,
    refusedBody: (n: string) => `We are sorry: your request to cancel order ${n} was not approved, for this reason:`,
    unchanged: 'The order goes on as planned.',
    closing: 'Reply to this e-mail with any question.',
  },
} satisfies Record<Language, unknown>;

/** R16: the customer is told in writing that its order is cancelled, with the deposit owed back as a credit if any. */
export function orderCancelledEmail(event: OrderCancelled, language: Language) {
  const { order, cancellation, credit } = event.data;
  const t = text[language];
  return composeEmail(t.cancelled(order.number, order.poNumber), [
    t.cancelledBody(order.number),
    `${t.reason}: ${cancellation.reason}`,
    ...(credit ? [t.credit(formatMoney(credit.amount, credit.currency, language))] : []),
    t.closing,
  ]);
}

/** To PMC and the merchandiser: production of the cancelled order must stop (R16). */
export function orderCancelledStaffEmail(event: OrderCancelled, appUrl: string) {
  const { order, cancellation, parties, credit } = event.data;
  const owed = credit && formatMoney(credit.amount, credit.currency, 'zh-CN');
  return composeEmail(`订单取消，停止生产 Order cancelled, stop production: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 已由 ${cancellation.decidedBy} 批准取消（${cancellation.id}），请立即停止生产和备料。原因：${cancellation.reason}`,
    `Order ${order.number} is cancelled, approved by ${cancellation.decidedBy} (${cancellation.id}): stop its production and material preparation now. Reason: ${cancellation.reason}`,
    ...(owed
      ? [`已收订金 ${owed} 记为应退客户款项。 The deposit received (${owed}) is owed back to the customer as a credit.`]
      : []),
    { link: `${appUrl}/orders/${order.id}`, label: order.number },
  ]);
}

/** R16: the decider's written reason for refusing, to the customer; the order is unchanged. */
export function cancellationRefusedEmail(event: CancellationEnded, language: Language) {
  const { order, cancellation } = event.data;
  const t = text[language];
  return composeEmail(t.refused(order.number, order.poNumber), [
    t.refusedBody(order.number),
    cancellation.decisionReason ?? '',
    t.unchanged,
    t.closing,
  ]);
}

/** To the merchandiser: nobody decided the cancellation, even after the escalation; the order stays as it is. */
export function cancellationLapsedEmail(event: CancellationEnded, appUrl: string) {
  const { order, cancellation, parties } = event.data;
  return composeEmail(`取消申请逾期 Cancellation lapsed: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 的取消申请（${cancellation.id}）经提醒和升级后仍无人审批，已失效；订单保持不变。请跟进并书面回复客户。`,
    `Nobody decided the cancellation of order ${order.number} (${cancellation.id}), even after the reminder and the escalation: the request lapsed and the order is unchanged. Please follow up and reply to the customer in writing.`,
    { link: `${appUrl}/orders/${order.id}`, label: order.number },
  ]);
}
