import { formatMoney } from '../domain/order-amounts.ts';
import type { OrderDepositLate, OrderMoved, OrderParties, OrderPromiseLate } from '../domain/order-intake.ts';
import { orderStatusWords } from '../domain/order-status.ts';
import type { Language } from '../schemas/common.ts';
import type { Order } from '../schemas/order.ts';
import { composeEmail } from './layout.ts';

const text = {
  'zh-CN': {
    rejected: (n: string, po: string) => `订单未能接受：${n}（贵司订单号 ${po}）`,
    rejectedBody: '很抱歉，贵司的订单未能接受，原因如下：',
    ack: (n: string, po: string) => `订单确认：${n}（贵司订单号 ${po}）`,
    ackBody: (n: string) => `贵司订单已确认，我司订单号为 ${n}。`,
    promised: '承诺交期',
    total: '订单金额',
    deposit: '应付订金（收到后开始生产，交期自订金到账日起计算）',
    line: (l: number) => `第 ${l} 行`,
    closing: '如有疑问请回复本邮件。',
  },
  en: {
    rejected: (n: string, po: string) => `Order not accepted: ${n} (your PO ${po})`,
    rejectedBody: 'We are sorry: we cannot accept your order, for these reasons:',
    ack: (n: string, po: string) => `Order acknowledgement: ${n} (your PO ${po})`,
    ackBody: (n: string) => `Your order is confirmed under our number ${n}.`,
    promised: 'Promised delivery date',
    total: 'Order total',
    deposit: 'Deposit due (production starts when it arrives; the lead time counts from then)',
    line: (l: number) => `Line ${l}`,
    closing: 'Reply to this e-mail with any question.',
  },
} satisfies Record<Language, unknown>;

/** A customer's contacts grouped by the language they read: one message per language. */
export function contactsByLanguage(contacts: readonly { email: string; language: Language }[]) {
  const languages = [...new Set(contacts.map((c) => c.language))];
  return languages.map((language) => ({
    language,
    to: contacts.filter((c) => c.language === language).map((c) => c.email),
  }));
}

/** The customer's contacts, one message per language (R6, R13: the written reply goes to the customer). */
export function toCustomer(parties: OrderParties, compose: (language: Language) => ReturnType<typeof composeEmail>) {
  return contactsByLanguage(parties.contacts).map(({ language, to }) => ({ to, ...compose(language) }));
}

export function orderRejectedEmail(event: OrderMoved, language: Language) {
  const { order, reasons = '' } = event.data;
  const t = text[language];
  return composeEmail(t.rejected(order.number, order.poNumber), [t.rejectedBody, reasons, t.closing]);
}

/** R6: the written acknowledgement — number, lines, amounts, promised date, deposit due. */
export function orderAcknowledgedEmail(order: Order, language: Language) {
  const t = text[language];
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : formatMoney(amount, order.currency, language);
  const lines = order.lines
    .map(
      (l) =>
        `${t.line(l.line)}: ${l.productCode} ${l.description} × ${l.quantity} @ ${money(l.unitPrice)} = ${money(l.amount)}`,
    )
    .join('\n');
  return composeEmail(t.ack(order.number, order.poNumber), [
    t.ackBody(order.number),
    lines,
    `${t.total}: ${money(order.totals.amount)}`,
    `${t.promised}: ${order.promisedDate ?? '—'}`,
    ...(order.status === 'awaiting_deposit' ? [`${t.deposit}: ${money(order.totals.depositDue)}`] : []),
    t.closing,
  ]);
}

/** To PMC and the merchandiser: the order is released to production (F1 step 6). */
export function orderReleasedEmail(event: OrderMoved, appUrl: string) {
  const { order, parties } = event.data;
  return composeEmail(`投产 Released to production: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 已下达生产，承诺交期 ${order.promisedDate ?? '—'}。`,
    `Order ${order.number} is released to production; promised delivery date ${order.promisedDate ?? '—'}.`,
    { link: `${appUrl}/orders/${order.id}`, label: order.number },
  ]);
}

/** To the merchandiser: PMC has not promised a date in time (R5); PMC gets its reminder through the approval. */
export function orderPromiseLateEmail(event: OrderPromiseLate, appUrl: string) {
  const { order, parties } = event.data;
  return composeEmail(`交期未回复 No promised date yet: ${order.number} ${parties.customerName}`, [
    `PMC 尚未回复订单 ${order.number} 的交期，已发送提醒；如再无回复将升级。`,
    `PMC has not yet promised a delivery date for order ${order.number}; it has been reminded, and the step escalates if it stays unanswered.`,
    { link: `${appUrl}/orders/${order.id}`, label: order.number },
  ]);
}

/** To finance and the merchandiser: a deposit customer's deposit has not arrived in time (R9). */
export function orderDepositLateEmail(event: OrderDepositLate, appUrl: string) {
  const { order, parties, paid } = event.data;
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : formatMoney(amount, order.currency, 'zh-CN');
  const due = money(order.totals.depositDue);
  const received = money(paid.paidTotal);
  return composeEmail(`订金未到 Deposit not received: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 的订金 ${due} 尚未到齐（已收 ${received}），订单未能投产。财务收到款项后请登记付款（POST /payments）；跟单员请跟进客户。`,
    `The deposit of ${due} for order ${order.number} has not arrived in full (${received} received), so the order cannot go into production. Finance: record the payment when it arrives; merchandiser: follow up with the customer.`,
    { link: `${appUrl}/orders/${order.id}`, label: order.number },
  ]);
}

/** To the merchandiser: an order's intake lapsed — nobody answered a step, even after escalation. */
export function orderIntakeLapsedEmail(event: OrderMoved, appUrl: string) {
  const { order, parties } = event.data;
  return composeEmail(`订单处理逾期 Order intake lapsed: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 在「${orderStatusWords[order.status]['zh-CN']}」阶段经提醒和升级后仍无人处理。请跟进。`,
    `Nobody answered order ${order.number} while it was ${orderStatusWords[order.status].en}, even after the reminder and the escalation. Please follow up.`,
    { link: `${appUrl}/orders/${order.id}`, label: order.number },
  ]);
}

/** To the merchandiser: the written acknowledgement could not be sent (R6), so the customer must be told another way. */
export function acknowledgementFailedEmail(order: Order, parties: OrderParties, appUrl: string) {
  return composeEmail(`订单确认未能发出 Acknowledgement not sent: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 的书面确认未能发送给客户，请在 48 小时内以其他方式书面回复客户（R6）。`,
    `The written acknowledgement of order ${order.number} could not be sent to the customer: reply to the customer in writing another way within 48 hours (R6).`,
    { link: `${appUrl}/orders/${order.id}`, label: order.number },
  ]);
}
