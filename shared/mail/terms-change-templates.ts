import type { TermsChangeEnded } from '../domain/customer-terms-change.ts';
import { composeEmail } from './layout.ts';

/** The heading and the first paragraph of each outcome, in both languages (staff mail is bilingual). */
const outcome = {
  CustomerTermsChanged: {
    subject: '客户条款已变更 Customer terms changed',
    zh: (id: string, by: string) => `条款变更 ${id} 已由 ${by} 批准，客户自即日起按新条款执行：`,
    en: (id: string, by: string) =>
      `Terms change ${id} was approved by ${by}; the customer has the new terms from now on:`,
  },
  TermsChangeRefused: {
    subject: '客户条款变更未获批准 Customer terms change refused',
    zh: (id: string, by: string) => `条款变更 ${id} 未获 ${by} 批准，客户仍按原条款执行：`,
    en: (id: string, by: string) => `Terms change ${id} was refused by ${by}; the customer keeps its current terms:`,
  },
  TermsChangeLapsed: {
    subject: '客户条款变更逾期 Customer terms change lapsed',
    zh: (id: string) => `条款变更 ${id} 经提醒和升级后仍无人审批，已失效；客户仍按原条款执行。如仍需变更，请重新申请：`,
    en: (id: string) =>
      `Nobody decided terms change ${id}, even after the reminder and the escalation: it lapsed and the customer keeps its current terms. Ask again if the change is still needed:`,
  },
} satisfies Record<TermsChangeEnded['type'], unknown>;

/**
 * To the requester and the account team (and the new owner's team when the account moves): how a change of a
 * customer's terms ended, with the terms before and after, and the decider's written reason of a refusal.
 */
export function termsChangeOutcomeEmail(event: TermsChangeEnded, appUrl: string) {
  const { customer, termsChange, terms } = event.data;
  const text = outcome[event.type];
  const by = termsChange.decidedBy ?? '—';
  const title = `${customer.code} ${customer.name}`;
  return composeEmail(`${text.subject}: ${title}`, [
    text.zh(termsChange.id, by),
    text.en(termsChange.id, by),
    terms.map(({ label, before, after }) => `${label}: ${before} → ${after}`).join('\n'),
    `原因 Reason (${termsChange.requestedBy}): ${termsChange.reason}`,
    ...(event.type === 'TermsChangeRefused' ? [`审批意见 Decision: ${termsChange.decisionReason ?? '—'}`] : []),
    { link: `${appUrl}/customers/${customer.id}/terms-changes/${termsChange.id}`, label: title },
  ]);
}
