import { companyTime } from '../domain/company.ts';
import { formatMoney } from '../domain/order-amounts.ts';
import type { ChangeRequestEnded, OrderChanged } from '../domain/order-change.ts';
import type { LineDifference, ModificationForm } from '../schemas/change-request.ts';
import type { Currency, Language } from '../schemas/common.ts';
import { composeEmail } from './layout.ts';

const text = {
  'zh-CN': {
    refused: (n: string) => `订单变更未能接受：${n}`,
    refusedBody: (id: string) => `很抱歉，贵司的订单变更申请（${id}）未能接受，原因如下：`,
    lines: '涉及的行',
    confirmed: (n: string, r: number) => `订单变更确认：${n}（第 ${r} 版）`,
    confirmedBody: (n: string, r: number) => `贵司的订单变更已确认，订单 ${n} 现为第 ${r} 版：`,
    line: (l: number) => `第 ${l} 行`,
    removed: '已取消',
    total: '订单金额',
    deposit: '应付订金',
    promised: '承诺交期',
    closing: '如有疑问请回复本邮件。',
  },
  en: {
    refused: (n: string) => `Change not accepted: ${n}`,
    refusedBody: (id: string) => `We are sorry: we cannot accept your change request ${id}, for these reasons:`,
    lines: 'Lines concerned',
    confirmed: (n: string, r: number) => `Change confirmed: ${n} (revision ${r})`,
    confirmedBody: (n: string, r: number) => `Your change is confirmed; order ${n} now reads as revision ${r}:`,
    line: (l: number) => `Line ${l}`,
    removed: 'removed',
    total: 'Order total',
    deposit: 'Deposit due',
    promised: 'Promised delivery date',
    closing: 'Reply to this e-mail with any question.',
  },
} satisfies Record<Language, unknown>;

/** R13: the written refusal (PMC's, the planner's, or the system's when a line is in production or the review blocks). */
export function changeRefusedEmail(event: ChangeRequestEnded, language: Language) {
  const { changeRequest } = event.data;
  const t = text[language];
  const lines = changeRequest.outcome?.lines;
  return composeEmail(t.refused(changeRequest.orderNumber), [
    t.refusedBody(changeRequest.id),
    changeRequest.outcome?.reason ?? '',
    ...(lines?.length ? [`${t.lines}: ${lines.map(t.line).join(', ')}`] : []),
    t.closing,
  ]);
}

/** R14: the customer's confirmation of the change, with the new amounts and any new promised date. */
export function orderChangedEmail(event: OrderChanged, language: Language) {
  const { order, changeRequest } = event.data;
  const t = text[language];
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : formatMoney(amount, order.currency, language);
  const lines = (changeRequest.form?.lines ?? [])
    .filter((d) => d.change !== 'unchanged')
    .map(
      (d) =>
        `${t.line(d.line)}: ${d.productCode} ${d.after ? `× ${d.after.quantity} = ${money(d.after.amount)}` : t.removed}`,
    )
    .join('\n');
  return composeEmail(t.confirmed(order.number, order.revision), [
    t.confirmedBody(order.number, order.revision),
    lines,
    `${t.total}: ${money(order.totals.amount)}`,
    `${t.deposit}: ${money(order.totals.depositDue)}`,
    `${t.promised}: ${order.promisedDate ?? '—'}`,
    t.closing,
  ]);
}

function formRow(d: LineDifference, currency: Currency) {
  const side = (values: LineDifference['before']) =>
    values
      ? `${values.quantity} × ${values.unitPrice === undefined ? '—' : formatMoney(values.unitPrice, currency, 'zh-CN')}`
      : '—';
  return `第 ${d.line} 行 Line ${d.line} ${d.productCode} [${d.change}]: ${side(d.before)} → ${side(d.after)}`;
}

/** The form's text: what R14 has PMC hand to production and the other departments in writing. */
export function formText(form: ModificationForm, currency: Currency) {
  const money = (amount: number | undefined) => (amount === undefined ? '—' : formatMoney(amount, currency, 'zh-CN'));
  return [
    `客户合同修改单 Contract modification form — ${form.orderNumber}, revision ${form.fromRevision} → ${form.toRevision}`,
    form.lines
      .filter((d) => d.change !== 'unchanged')
      .map((d) => formRow(d, currency))
      .join('\n'),
    `金额 Total: ${money(form.before.totals.amount)} → ${money(form.after.totals.amount)}`,
    `订金 Deposit due: ${money(form.before.totals.depositDue)} → ${money(form.after.totals.depositDue)}`,
    `要求交期 Requested date: ${form.before.requestedDate} → ${form.after.requestedDate}`,
    `承诺交期 Promised date: ${form.before.promisedDate ?? '—'} → ${form.after.promisedDate ?? '—'}`,
    `原因 Reason: ${form.reason}`,
    `申请 Requested by: ${form.requestedBy} (${companyTime(form.requestedAt)}); PMC: ${form.assessedBy}`,
  ];
}

/** R14: the approved form, to PMC, production and the other departments. */
export function modificationFormEmail(event: OrderChanged, appUrl: string) {
  const { order, changeRequest, parties } = event.data;
  const form = changeRequest.form as ModificationForm;
  return composeEmail(
    `合同修改单 Contract modification: ${order.number} ${parties.customerName} rev ${order.revision}`,
    [
      ...formText(form, order.currency),
      `批准 Approved by: ${changeRequest.outcome?.by ?? ''}`,
      { link: `${appUrl}/orders/${order.id}`, label: order.number },
    ],
  );
}

/** To the merchandiser: nobody answered a change request, even after escalation. */
export function changeLapsedEmail(event: ChangeRequestEnded, appUrl: string) {
  const { changeRequest, parties } = event.data;
  return composeEmail(`订单变更逾期 Change request lapsed: ${changeRequest.orderNumber} ${parties.customerName}`, [
    `订单 ${changeRequest.orderNumber} 的变更申请 ${changeRequest.id} 经提醒和升级后仍无人处理，已终止。请联系客户。`,
    `Nobody answered change request ${changeRequest.id} of order ${changeRequest.orderNumber}, even after the reminder and the escalation; it has ended. Please contact the customer.`,
    { link: `${appUrl}/orders/${changeRequest.orderId}`, label: changeRequest.orderNumber },
  ]);
}
