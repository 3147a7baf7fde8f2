import type { EventOf } from '../domain/events.ts';
import { formatMoney } from '../domain/order-amounts.ts';
import type { Language } from '../schemas/common.ts';
import type { DeliveryNote, Shipment } from '../schemas/documents.ts';
import type { OrderParties } from '../schemas/events.ts';
import { composeEmail } from './layout.ts';

const orderLink = (appUrl: string, order: { id: string; number: string }) => ({
  link: `${appUrl}/orders/${order.id}`,
  label: order.number,
});

const text = {
  'zh-CN': {
    balance: (n: string, po: string) => `请付尾款：订单 ${n}（贵司订单号 ${po}）`,
    balanceBody: (n: string, d: number) => `订单 ${n} 第 ${d} 批货物已生产完成。按约定，货款付清后安排出货。`,
    due: '应付金额',
    paid: '已付',
    balanceClosing: '付款后请回复本邮件并告知银行流水号，以便财务确认后尽快出货。',
    shipped: (number: string, n: string) => `发货通知：送货单 ${number}（订单 ${n}）`,
    shippedBody: (n: string) => `订单 ${n} 的货物已发出，送货单见附件。`,
    carrier: '承运人',
    waybill: '运单号',
    shippedOn: '发货日期',
    closing: '收货后请在送货单上签收，并通过下面的链接确认收货；如有破损或短少，请在确认时说明。',
    confirm: '确认收货',
  },
  en: {
    balance: (n: string, po: string) => `Balance due: order ${n} (your PO ${po})`,
    balanceBody: (n: string, d: number) =>
      `Delivery ${d} of order ${n} is finished in production. As agreed, the goods ship once payment has been received in full.`,
    due: 'Amount due',
    paid: 'Paid so far',
    balanceClosing:
      'When you have paid, reply to this e-mail with the bank reference, so that finance can confirm it and the goods can ship.',
    shipped: (number: string, n: string) => `Shipped: delivery note ${number} (order ${n})`,
    shippedBody: (n: string) => `The goods of order ${n} have shipped; the delivery note is attached.`,
    carrier: 'Carrier',
    waybill: 'Waybill number',
    shippedOn: 'Shipped on',
    closing:
      'Please sign the delivery note on receipt and confirm it through the link below, describing any damage or shortage.',
    confirm: 'Confirm receipt',
  },
} satisfies Record<Language, unknown>;

/** R9: to the customer, in its language: the balance to pay before the goods ship. */
export function balanceRequestedEmail(event: EventOf<'BalanceRequested'>, language: Language) {
  const { order, delivery, due, paid } = event.data;
  const t = text[language];
  return composeEmail(t.balance(order.number, order.poNumber), [
    t.balanceBody(order.number, delivery),
    `${t.due}: ${formatMoney(due, order.currency, language)}`,
    `${t.paid}: ${formatMoney(paid.paidTotal, order.currency, language)}`,
    t.balanceClosing,
  ]);
}

/** R9: to finance and the merchandiser: the balance has not arrived a week after it was asked for. */
export function balanceLateEmail(event: EventOf<'BalanceLate'>, appUrl: string) {
  const { order, delivery, due, paid, parties } = event.data;
  const money = (amount: number) => formatMoney(amount, order.currency, 'zh-CN');
  return composeEmail(`尾款未到 Balance not received: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 第 ${delivery} 批已完成生产，尾款 ${money(due)} 尚未到账（已收 ${money(paid.paidTotal)}），货物不能出货。财务收到款项后请登记付款；跟单员请跟进客户。`,
    `Delivery ${delivery} of order ${order.number} is finished, but the balance of ${money(due)} has not arrived (${money(paid.paidTotal)} received), so the goods cannot ship. Finance: record the payment when it arrives; merchandiser: follow up with the customer.`,
    orderLink(appUrl, order),
  ]);
}

/** F7: to the merchandiser: a monthly customer's delivery waits beyond its credit limit. */
export function deliveryHeldEmail(event: EventOf<'DeliveryHeld'>, appUrl: string) {
  const { order, delivery, reason, parties } = event.data;
  return composeEmail(`超信用额度暂停出货 Held beyond the credit limit: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 第 ${delivery} 批超出客户信用额度，暂不出货：${reason}。客户付款使其回到额度内后将自动继续。`,
    `Delivery ${delivery} of order ${order.number} is beyond the customer's credit limit and does not ship for now: ${reason}. It goes on by itself once payments bring the customer within its limit.`,
    orderLink(appUrl, order),
  ]);
}

/** To the merchandiser: a step of shipping found nobody, even after the escalation; it is asked again. */
export function deliveryStalledEmail(event: EventOf<'DeliveryStalled'>, appUrl: string) {
  const { order, delivery, step, parties } = event.data;
  return composeEmail(`出货停滞 Shipping stalled: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 第 ${delivery} 批的「${step}」一步经提醒和升级后仍无人处理，已重新发出。请跟进。`,
    `Nobody acted on "${step}" for delivery ${delivery} of order ${order.number}, even after the reminder and the escalation; it has been asked again. Please follow up.`,
    orderLink(appUrl, order),
  ]);
}

/** R23: to the merchandiser: not signed for by the day expected. */
export function deliveryLateEmail(event: EventOf<'DeliveryLate'>, appUrl: string) {
  const { order, delivery, expectedBy, waybill, parties } = event.data;
  return composeEmail(`到货逾期 Delivery overdue: ${order.number} ${parties.customerName}`, [
    `订单 ${order.number} 第 ${delivery} 批（运单号 ${waybill}）预计 ${expectedBy} 到货，至今客户未签收。请联系承运人和客户。`,
    `Delivery ${delivery} of order ${order.number} (waybill ${waybill}) was expected by ${expectedBy} and has not been signed for. Please check with the carrier and the customer.`,
    orderLink(appUrl, order),
  ]);
}

const conditionWords = {
  complete: '完好 complete',
  damaged: '有破损 damaged',
  short: '有短少 short',
};

/** R23: to the merchandiser: the customer signed for the delivery; damage or shortage is a complaint to open (F4). */
export function deliverySignedForEmail(event: EventOf<'DeliverySignedFor'>, appUrl: string) {
  const { order, delivery, receipt, parties } = event.data;
  const trouble = receipt.condition !== 'complete';
  return composeEmail(
    `${trouble ? '签收有异常 Signed for with a problem' : '客户已签收 Signed for'}: ${order.number} ${parties.customerName}`,
    [
      `订单 ${order.number} 第 ${delivery} 批已由 ${receipt.signedBy} 于 ${receipt.signedOn} 签收：${conditionWords[receipt.condition]}。`,
      `Delivery ${delivery} of order ${order.number} was signed for by ${receipt.signedBy} on ${receipt.signedOn}: ${receipt.condition}.`,
      ...(receipt.note ? [receipt.note] : []),
      ...(trouble
        ? [
            '请与客户确认并登记投诉（短少请索取实收重量，R28）。',
            'Confirm with the customer and record a complaint (for a shortage, ask for the weight received, R28).',
          ]
        : []),
      orderLink(appUrl, order),
    ],
  );
}

/**
 * R22: to the customer, in its language: the goods shipped, with the delivery note attached and the waybill; R23: the
 * link its person signs for the goods with.
 */
export function deliveryNoteEmail(note: DeliveryNote, shipment: Shipment, language: Language, receiptLink: string) {
  const t = text[language];
  const order = note.orderNumbers.join(', ');
  return composeEmail(t.shipped(note.number, order), [
    t.shippedBody(order),
    `${t.carrier}: ${shipment.carrier}`,
    `${t.waybill}: ${shipment.waybill}`,
    `${t.shippedOn}: ${shipment.shippedOn ?? note.issuedOn}`,
    t.closing,
    { link: receiptLink, label: t.confirm },
  ]);
}

/** R22: to the merchandiser: the delivery note could not be e-mailed; send it and the waybill another way. */
export function deliveryNoteNotSentEmail(note: DeliveryNote, parties: OrderParties, orderUrl: string) {
  return composeEmail(`送货单未能发出 Delivery note not sent: ${note.number} ${parties.customerName}`, [
    `送货单 ${note.number} 及运单号未能通过邮件发给客户，请以其他方式发送（R22）。`,
    `Delivery note ${note.number} and the waybill number could not be e-mailed to the customer: send them another way (R22).`,
    { link: orderUrl, label: note.orderNumbers.join(', ') },
  ]);
}
