import type { LedgerAdjustmentEnded } from '../domain/ledger-adjustment.ts';
import { describeAmount } from '../domain/ledger-adjustment.ts';
import { formatMoney } from '../domain/order-amounts.ts';
import type { ReceivablesOverdue } from '../domain/overdue-reminders.ts';
import type { Language } from '../schemas/common.ts';
import { composeEmail } from './layout.ts';

/** The heading and the first paragraph of each outcome, in both languages (staff mail is bilingual). */
const outcome = {
  LedgerAdjusted: {
    subject: '应收账款调整已入账 Ledger adjustment booked',
    zh: (id: string, by: string) => `应收账款调整 ${id} 已由 ${by} 批准并入账：`,
    en: (id: string, by: string) => `Ledger adjustment ${id} was approved by ${by} and is booked:`,
  },
  LedgerAdjustmentRefused: {
    subject: '应收账款调整未获批准 Ledger adjustment refused',
    zh: (id: string, by: string) => `应收账款调整 ${id} 未获 ${by} 批准，未入账：`,
    en: (id: string, by: string) => `Ledger adjustment ${id} was refused by ${by}; nothing was booked:`,
  },
  LedgerAdjustmentLapsed: {
    subject: '应收账款调整逾期 Ledger adjustment lapsed',
    zh: (id: string) => `应收账款调整 ${id} 经提醒和升级后仍无人审批，已失效，未入账。如仍需调整，请重新申请：`,
    en: (id: string) =>
      `Nobody decided ledger adjustment ${id}, even after the reminder and the escalation: it lapsed and nothing was booked. Ask again if it is still needed:`,
  },
} satisfies Record<LedgerAdjustmentEnded['type'], unknown>;

/** R40: to the requester: how their adjustment ended, with the decider's written reason of a refusal. */
export function adjustmentOutcomeEmail(event: LedgerAdjustmentEnded, appUrl: string) {
  const { adjustment, customer } = event.data;
  const text = outcome[event.type];
  const by = adjustment.decidedBy ?? '—';
  const title = `${customer.code} ${customer.name}`;
  return composeEmail(`${text.subject}: ${title}`, [
    text.zh(adjustment.id, by),
    text.en(adjustment.id, by),
    `${describeAmount(adjustment.amount, adjustment.currency)}${adjustment.reference ? ` (${adjustment.reference})` : ''}`,
    `原因 Reason: ${adjustment.reason}`,
    ...(event.type === 'LedgerAdjustmentRefused' ? [`审批意见 Decision: ${adjustment.decisionReason ?? '—'}`] : []),
    { link: `${appUrl}/customers/${customer.id}/adjustments/${adjustment.id}`, label: title },
  ]);
}

const overdueText = {
  'zh-CN': {
    subject: (name: string) => `应收账款逾期提醒：${name}`,
    body: (days: number, due: string) => `贵司有款项已逾期未付：最早一笔应于 ${due} 前付清，现已逾期 ${days} 天。`,
    overdue: '逾期金额',
    balance: '应付余额',
    debit: (reference: string, order: string | undefined, due: string, days: number) =>
      `${reference}${order ? `（订单 ${order}）` : ''} 应付日 ${due}，逾期 ${days} 天`,
    more: (n: number) => `另有 ${n} 笔，详见对账单。`,
    closing: '请尽快安排付款；如已付款，请回复本邮件告知付款日期及银行流水号，谢谢。',
  },
  en: {
    subject: (name: string) => `Payment overdue: ${name}`,
    body: (days: number, due: string) =>
      `Some of what you owe us is overdue: the oldest amount was due by ${due} and is ${days} day(s) overdue.`,
    overdue: 'Overdue',
    balance: 'Balance owed',
    debit: (reference: string, order: string | undefined, due: string, days: number) =>
      `${reference}${order ? ` (order ${order})` : ''} due ${due}, ${days} day(s) overdue`,
    more: (n: number) => `and ${n} more: see your statement.`,
    closing:
      'Please arrange the payment; if you have paid already, reply to this e-mail with the date and the bank reference. Thank you.',
  },
} satisfies Record<Language, unknown>;

/** R40: to the customer, in its contact's language: what is overdue, the oldest first. */
export function receivablesOverdueEmail(event: ReceivablesOverdue, language: Language) {
  const { customer, currency, balance, overdue, oldestDueOn, daysOverdue, debits, moreDebits } = event.data;
  const t = overdueText[language];
  const money = (amount: number) => formatMoney(amount, currency, language);
  return composeEmail(t.subject(customer.name), [
    t.body(daysOverdue, oldestDueOn),
    `${t.overdue}: ${money(overdue)}\n${t.balance}: ${money(balance)}`,
    [
      ...debits.map((d) => `${t.debit(d.reference, d.orderNumber, d.dueOn, d.daysOverdue)}: ${money(d.open)}`),
      ...(moreDebits > 0 ? [t.more(moreDebits)] : []),
    ].join('\n'),
    t.closing,
  ]);
}

/** R40: to the account's merchandiser, bilingual: the customer was reminded of what it owes overdue. */
export function receivablesOverdueStaffEmail(event: ReceivablesOverdue, appUrl: string) {
  const { customer, currency, overdue, ageing, oldestDueOn, daysOverdue, reminder } = event.data;
  const money = (amount: number) => formatMoney(amount, currency, 'zh-CN');
  return composeEmail(`应收账款逾期 Receivables overdue: ${customer.code} ${customer.name}`, [
    `客户 ${customer.code} ${customer.name} 逾期未付 ${money(overdue)}，最早一笔应于 ${oldestDueOn} 前付清，已逾期 ${daysOverdue} 天（第 ${reminder} 天提醒）。已提醒客户，请跟进收款。`,
    `Customer ${customer.code} ${customer.name} owes ${money(overdue)} overdue, the oldest due by ${oldestDueOn}, ${daysOverdue} day(s) ago (the reminder of day ${reminder}). The customer was reminded; please follow up the collection.`,
    `1–30: ${money(ageing.days1to30)} · 31–60: ${money(ageing.days31to60)} · 61–90: ${money(ageing.days61to90)} · >90: ${money(ageing.over90)}`,
    { link: `${appUrl}/customers/${customer.id}/ledger`, label: `${customer.code} ${customer.name}` },
  ]);
}
