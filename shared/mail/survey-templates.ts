import { company } from '../domain/company.ts';
import type { Language } from '../schemas/common.ts';
import { composeEmail } from './layout.ts';

/** R43: the yearly satisfaction survey's invitation, to each of a customer's contacts in their language. */
const text = {
  'zh-CN': {
    subject: (year: number) => `${company.name['zh-CN']} ${year} 年度顾客满意度调查`,
    greeting: (name: string) => `${name}，您好：`,
    body: (year: number) =>
      `感谢贵司一直以来的支持。为改进我们的产品和服务，诚邀您花几分钟完成 ${year} 年度顾客满意度调查：整体满意度、服务满意度和产品质量满意度三部分，每题 1 至 5 分，并欢迎提出建议。`,
    link: '填写满意度调查',
    note: '此链接仅供您本人使用，每人每年填写一次。',
  },
  en: {
    subject: (year: number) => `${company.name.en}: our ${year} customer satisfaction survey`,
    greeting: (name: string) => `Dear ${name},`,
    body: (year: number) =>
      `Thank you for your business. To improve our products and service, we would be grateful if you could take a few minutes to answer our ${year} customer satisfaction survey: overall, service and product quality, each question from 1 to 5, with room for your suggestions.`,
    link: 'Answer the survey',
    note: 'This link is yours alone; it takes one answer a year.',
  },
};

export function surveyInvitationEmail(
  { year, name, language }: { year: number; name: string; language: Language },
  link: string,
) {
  const t = text[language];
  return composeEmail(t.subject(year), [t.greeting(name), t.body(year), { link, label: t.link }, t.note]);
}
