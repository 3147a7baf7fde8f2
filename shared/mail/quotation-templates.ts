import { companyTime } from '../domain/company.ts';
import type { QuotationEnded } from '../domain/quotation.ts';
import type { Language } from '../schemas/common.ts';
import type { Quotation, QuotationSummary } from '../schemas/quotation.ts';
import { composeEmail } from './layout.ts';

const text = {
  'zh-CN': {
    subject: (number: string) => `报价单 ${number}`,
    body: (number: string, until: string) => `附件为我司报价单 ${number}，报价有效期至 ${until}（含）。`,
    lines: (count: number) => `共 ${count} 项产品，单价见附件。下单时请注明报价单号。`,
    closing: '如有疑问请回复本邮件。',
  },
  en: {
    subject: (number: string) => `Quotation ${number}`,
    body: (number: string, until: string) => `Please find attached our quotation ${number}, valid until ${until}.`,
    lines: (count: number) =>
      `It quotes ${count} product${count === 1 ? '' : 's'}; the prices are in the attachment. Please quote its number when you order.`,
    closing: 'Reply to this e-mail with any question.',
  },
} satisfies Record<Language, unknown>;

const quotationLink = (appUrl: string, quotation: { id: string; number: string }) => ({
  link: `${appUrl}/quotations/${quotation.id}`,
  label: quotation.number,
});

/** R37: to the customer's contacts, in their language: the approved quotation (its PDF attached by the caller). */
export function quotationEmail(quotation: Quotation, language: Language) {
  const t = text[language];
  return composeEmail(t.subject(quotation.number), [
    t.body(quotation.number, quotation.validUntil),
    t.lines(quotation.lines.length),
    t.closing,
  ]);
}

/** R37: to the requester: the approved quotation could not be e-mailed to the customer; send it another way. */
export function quotationNotSentEmail(quotation: Quotation, appUrl: string) {
  return composeEmail(`报价单未能发出 Quotation not sent: ${quotation.number} ${quotation.customerName}`, [
    `报价单 ${quotation.number} 已批准，但未能通过邮件发给客户，请以其他方式发送（GET /quotations/${quotation.id}/document）。`,
    `Quotation ${quotation.number} is approved but could not be e-mailed to the customer: send it another way (its PDF: GET /quotations/${quotation.id}/document).`,
    quotationLink(appUrl, quotation),
  ]);
}

const title = (q: QuotationSummary) => `${q.number} ${q.customerCode} ${q.customerName}`;

/** R37: to the requester: how the quotation ended when it did not go out (refused in writing, or lapsed). */
export function quotationEndedEmail(event: QuotationEnded, appUrl: string) {
  const { quotation } = event.data;
  if (event.type === 'QuotationRefused') {
    const { by, at, reason } = event.data.decision;
    return composeEmail(`报价单未获批准 Quotation refused: ${title(quotation)}`, [
      `报价单 ${quotation.number} 未获批准（${by}，${companyTime(at)}），不会发给客户。理由：${reason ?? ''}`,
      `Quotation ${quotation.number} was refused (${by}, ${companyTime(at)}) and does not go to the customer. Reason: ${reason ?? ''}`,
      quotationLink(appUrl, quotation),
    ]);
  }
  return composeEmail(`报价单审批超时 Quotation lapsed: ${title(quotation)}`, [
    `报价单 ${quotation.number} 无人审批（已提醒并升级），已失效，不会发给客户。如仍需报价，请重新申请。`,
    `Nobody decided quotation ${quotation.number}, even after the reminder and the escalation: it lapsed and does not go to the customer. Ask again if the customer still needs it.`,
    quotationLink(appUrl, quotation),
  ]);
}
