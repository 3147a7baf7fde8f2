import { companyTime } from '../domain/company.ts';
import type { EventOf } from '../domain/events.ts';
import { formatMoney } from '../domain/order-amounts.ts';
import type { Currency, Language } from '../schemas/common.ts';
import type { ReturnApplication, ReturnSummary } from '../schemas/return.ts';
import { composeEmail } from './layout.ts';

/**
 * F5: the e-mails of a return (R30–R36). The customer's in its contacts' language; the staff's in Chinese and
 * English, like the complaint ones. A customer's e-mail names no one of the company: the company answers.
 */

/**
 * R36: what the return-note e-mails use of the return note (退货单, shared/schemas/documents.ts): the document itself
 * fits it.
 */
export type ReturnNoteSummary = {
  number: string;
  returnNumber: string;
  orderNumber: string;
  currency: Currency;
  totals: { quantity: number; amount: number };
  language: Language;
};

const text = {
  'zh-CN': {
    colon: '：',
    applied: (number: string, order: string) => `退货申请已受理：${number}（订单 ${order}）`,
    appliedBody: (number: string, order: string, delivery: number, note?: string) =>
      `我们已收到贵司关于订单 ${order} 第 ${delivery} 批${note ? `（送货单 ${note}）` : ''}的退货申请，退货编号 ${number}。`,
    lines: '退货明细',
    reason: '退货原因',
    analysis: '我们将分析原因，并以书面形式答复贵司。在收到批准之前请勿寄回货物。',
    approved: (number: string, order: string) => `退货已批准：${number}（订单 ${order}）`,
    approvedBody: (number: string) =>
      `贵司的退货申请 ${number} 已获批准。请在寄回的货物及单据上注明退货编号 ${number}。`,
    send: '请寄回',
    announce: '发货后请告知承运人、运单号及所寄货物的数量：可通过下面的链接填写，或由贵司系统调用接口',
    link: '登记退货发货',
    unannounced: '未经登记而寄回的货物，我司可能拒收。',
    refused: (number: string, order: string) => `退货申请未获批准：${number}（订单 ${order}）`,
    refusedBody: (number: string) => `很抱歉，贵司的退货申请 ${number} 未获批准，原因如下：`,
    difference: (number: string) => `退货数量差异：${number}`,
    differenceBody: (number: string) => `我司仓库清点退货 ${number} 时，实收数量与申请不符：`,
    line: (code: string, expected: number, received: number) => `${code}：申请 ${expected}，实收 ${received}`,
    credit: '退款（冲账）按实收数量计算。如有疑问请回复本邮件。',
    note: (number: string, ret: string) => `退货单 ${number}（退货 ${ret}）`,
    noteBody: (ret: string, order: string) => `贵司的退货 ${ret}（订单 ${order}）已处理完毕，退货单见附件。`,
    quantity: '退货数量',
    amount: '冲账金额',
    noteClosing: '该金额已从贵司应付账款中扣减，并将列入下期对账单。',
    closing: '如有疑问请回复本邮件。',
  },
  en: {
    colon: ': ',
    applied: (number: string, order: string) => `Return application received: ${number} (order ${order})`,
    appliedBody: (number: string, order: string, delivery: number, note?: string) =>
      `We have received your application to return goods of delivery ${delivery} of order ${order}${note ? ` (delivery note ${note})` : ''}, under return number ${number}.`,
    lines: 'Goods to return',
    reason: 'Reason',
    analysis:
      'We will analyse the cause and reply to you in writing. Please do not send the goods back before the return is approved.',
    approved: (number: string, order: string) => `Return approved: ${number} (order ${order})`,
    approvedBody: (number: string) =>
      `Your return application ${number} is approved. Please put the return number ${number} on the consignment and its papers.`,
    send: 'Send back',
    announce:
      'When the goods are on their way, announce the shipment — carrier, waybill number and what the consignment holds — from the link below, or from your system through the API',
    link: 'Announce the return shipment',
    unannounced: 'Goods sent back without an announcement may be refused.',
    refused: (number: string, order: string) => `Return not approved: ${number} (order ${order})`,
    refusedBody: (number: string) =>
      `We are sorry: your return application ${number} is not approved, for this reason:`,
    difference: (number: string) => `Return received with a difference: ${number}`,
    differenceBody: (number: string) =>
      `Our warehouse counted the goods of return ${number} otherwise than the application:`,
    line: (code: string, expected: number, received: number) =>
      `${code}: applied for ${expected}, received ${received}`,
    credit: 'The credit follows the quantities received. Reply to this e-mail with any question.',
    note: (number: string, ret: string) => `Return note ${number} (return ${ret})`,
    noteBody: (ret: string, order: string) =>
      `Your return ${ret} (order ${order}) is settled; the return note is attached.`,
    quantity: 'Quantity returned',
    amount: 'Amount credited',
    noteClosing: 'This amount is deducted from what you owe us and appears on your next statement.',
    closing: 'Reply to this e-mail with any question.',
  },
} satisfies Record<Language, Record<string, unknown>>;

/** A return's lines as its events carry them: code × quantity. */
const linesOf = (lines: readonly { productCode: string; quantity: number }[]) =>
  lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', ');

const returnLink = (appUrl: string, application: Pick<ReturnSummary, 'id' | 'number'>) => ({
  link: `${appUrl}/returns/${application.id}`,
  label: application.number,
});

/** R30: to the customer at once, in its language: the return number, what was applied for, and what happens next. */
export function returnAppliedEmail(event: EventOf<'ReturnApplied'>, language: Language) {
  const application = event.data.return;
  const t = text[language];
  return composeEmail(t.applied(application.number, application.orderNumber), [
    t.appliedBody(application.number, application.orderNumber, application.delivery, application.deliveryNote),
    `${t.lines}${t.colon}${linesOf(application.lines)}`,
    `${t.reason}${t.colon}${application.reason}`,
    t.analysis,
  ]);
}

/** R31: to the return's owner (the account's merchandiser): a new application whose cause to analyse. */
export function returnToAnalyseEmail(event: EventOf<'ReturnApplied'>, appUrl: string) {
  const { return: application, parties } = event.data;
  return composeEmail(`新退货申请 New return application: ${application.number} ${parties.customerName}`, [
    `客户 ${parties.customerName} 申请退回订单 ${application.orderNumber} 第 ${application.delivery} 批的货物。请分析原因（R31）：生产原因须附投诉处理报告。`,
    `${parties.customerName} applies to return goods of delivery ${application.delivery} of order ${application.orderNumber}. Analyse the cause (R31): a production fault needs the complaint report.`,
    linesOf(application.lines),
    application.reason,
    returnLink(appUrl, application),
  ]);
}

/**
 * R33: to the customer, in its language: the return approved, the number to quote, what to send back, and how to
 * announce the shipment — from the link, or through `POST /returns/{id}/shipment`.
 */
export function returnApprovedEmail(application: ReturnApplication, language: Language, announceLink: string) {
  const t = text[language];
  const send = application.lines.map((l) => `${l.productCode} ${l.name} × ${l.quantity} ${l.unit}`).join('\n');
  return composeEmail(t.approved(application.number, application.orderNumber), [
    t.approvedBody(application.number),
    `${t.send}${t.colon}\n${send}`,
    `${t.announce}${t.colon}POST /returns/${application.id}/shipment`,
    { link: announceLink, label: t.link },
    t.unannounced,
    t.closing,
  ]);
}

/** R32: to the customer, in its language: the application refused, and why. */
export function returnRefusedEmail(event: EventOf<'ReturnRefused'>, language: Language) {
  const { return: application, reason } = event.data;
  const t = text[language];
  return composeEmail(t.refused(application.number, application.orderNumber), [
    t.refusedBody(application.number),
    reason,
    t.closing,
  ]);
}

/** R33: to the account's merchandiser: goods came back without an approved application and are held. */
export function returnArrivalHeldEmail(event: EventOf<'ReturnArrivalHeld'>, appUrl: string) {
  const { arrival, parties } = event.data;
  const quoted = arrival.returnNumber
    ? [`所注退货编号 Return number quoted: ${arrival.returnNumber}`]
    : ['未注明退货编号 No return number quoted'];
  const waybill = arrival.waybill
    ? [`运单号 Waybill: ${arrival.waybill}${arrival.carrier ? ` (${arrival.carrier})` : ''}`]
    : [];
  const lines = arrival.lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', ');
  return composeEmail(`退货未经批准已到货 Goods returned without approval: ${parties.customerName}`, [
    `客户 ${parties.customerName} 的货物未经批准的退货申请而退回，仓库已暂扣（R33）。请与客户协商处理：补办退货申请，或退回客户。`,
    `Goods of ${parties.customerName} came back without an approved return application and are held by the warehouse (R33). Settle them with the customer: a return application, or sending them back.`,
    ...quoted,
    ...waybill,
    lines,
    ...(arrival.note ? [arrival.note] : []),
    { link: `${appUrl}/return-arrivals`, label: '暂扣的退货 Goods held' },
  ]);
}

/** R30, R33: to the warehouse on duty: goods held were settled, to send back or to receive under their return. */
export function returnArrivalSettledEmail(event: EventOf<'ReturnArrivalSettled'>) {
  const { arrival, customerName } = event.data;
  const what = [
    ...(arrival.waybill ? [`运单号 Waybill: ${arrival.waybill}${arrival.carrier ? ` (${arrival.carrier})` : ''}`] : []),
    arrival.lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', '),
    `暂扣记录 Held as ${arrival.id}, ${companyTime(arrival.recordedAt)}`,
  ];
  const returnNumber = arrival.settlement?.returnNumber;
  if (arrival.status === 'under-return' && returnNumber) {
    return composeEmail(`暂扣退货转入 ${returnNumber} Held goods are return ${returnNumber}: ${customerName}`, [
      `客户 ${customerName} 暂扣的退货已确认为退货 ${returnNumber} 的货物。请按该退货单收货，核对型号与数量（R34）。`,
      `The goods of ${customerName} held by the warehouse are the shipment of return ${returnNumber}. Receive them through that return, checking model and quantity (R34).`,
      ...what,
      ...(arrival.settlement?.note ? [arrival.settlement.note] : []),
    ]);
  }
  return composeEmail(`暂扣退货退回客户 Send held goods back: ${customerName}`, [
    `客户 ${customerName} 暂扣的退货经协商不予接收（R30），请按以下约定退回客户：`,
    `The goods of ${customerName} held by the warehouse are refused (R30), as agreed with the customer. Send them back as follows:`,
    arrival.settlement?.note ?? '',
    ...what,
  ]);
}

/** R34: to the customer in its language (and the owner in Chinese): the warehouse counted otherwise, line by line. */
export function returnDifferenceEmail(event: EventOf<'ReturnReceivedWithDifference'>, language: Language) {
  const { return: application, lines, note } = event.data;
  const t = text[language];
  return composeEmail(t.difference(application.number), [
    t.differenceBody(application.number),
    lines.map((l) => t.line(l.productCode, l.expected, l.received)).join('\n'),
    ...(note ? [note] : []),
    t.credit,
  ]);
}

/** R35: to the owner and the sales manager: one of the five refused to sign; the return stops. */
export function returnStoppedEmail(event: EventOf<'ReturnStopped'>, appUrl: string) {
  const { return: application, reason, by, parties } = event.data;
  return composeEmail(`退货终止 Return stopped: ${application.number} ${parties.customerName}`, [
    `退货 ${application.number}（订单 ${application.orderNumber}）的会签被 ${by} 拒绝，退货终止（R35）。原因：`,
    `${by} refused to sign off return ${application.number} (order ${application.orderNumber}); the return stops (R35). The reason:`,
    reason,
    '请与客户联系说明。 Tell the customer.',
    returnLink(appUrl, application),
  ]);
}

/** To the return's owner: a step found nobody, even after the escalation; it is asked again. */
export function returnStalledEmail(event: EventOf<'ReturnStalled'>, appUrl: string) {
  const { return: application, step, parties } = event.data;
  return composeEmail(`退货处理停滞 Return stalled: ${application.number} ${parties.customerName}`, [
    `退货 ${application.number} 的步骤 ${step} 无人处理（已提醒并升级），现重新发出。`,
    `Step ${step} of return ${application.number} found nobody to act, even after the reminder and the escalation; it is asked again.`,
    returnLink(appUrl, application),
  ]);
}

/** R33: to the owner: approved two weeks ago or more, and the customer has not announced the shipment. */
export function returnShipmentLateEmail(application: ReturnApplication, customerName: string, appUrl: string) {
  const approvedAt = application.approval ? companyTime(application.approval.at) : '—';
  return composeEmail(`退货未发货 Return not shipped: ${application.number} ${customerName}`, [
    `退货 ${application.number}（订单 ${application.orderNumber}）已于 ${approvedAt} 批准，客户至今未登记发货。请跟进：询问客户是否仍要退货及何时寄出。`,
    `Return ${application.number} (order ${application.orderNumber}) was approved on ${approvedAt}, and ${customerName} has not announced the shipment yet. Follow it up: ask the customer whether, and when, the goods will be sent.`,
    linesOf(application.lines),
    returnLink(appUrl, application),
  ]);
}

/** R36: to the customer, in its language: the return note (attached by the caller) and the credit it booked. */
export function returnNoteEmail(document: ReturnNoteSummary, language: Language) {
  const t = text[language];
  return composeEmail(t.note(document.number, document.returnNumber), [
    t.noteBody(document.returnNumber, document.orderNumber),
    `${t.quantity}${t.colon}${document.totals.quantity}`,
    `${t.amount}${t.colon}${formatMoney(document.totals.amount, document.currency, language)}`,
    t.noteClosing,
    t.closing,
  ]);
}

/** R36: to the owner: the return note could not be e-mailed to the customer; send it another way. */
export function returnNoteNotSentEmail(document: ReturnNoteSummary, customerName: string, appUrl: string) {
  return composeEmail(`退货单未能发出 Return note not sent: ${document.number} ${customerName}`, [
    `退货单 ${document.number}（退货 ${document.returnNumber}）未能通过邮件发给客户，请以其他方式发送（R36）。`,
    `Return note ${document.number} (return ${document.returnNumber}) could not be e-mailed to the customer: send it another way (R36).`,
    { link: `${appUrl}/return-notes/${document.number}`, label: document.number },
  ]);
}
