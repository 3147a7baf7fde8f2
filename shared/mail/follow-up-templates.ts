import { companyTimeZone } from '../domain/company.ts';
import { type Digest, type LateItem, type OverdueItem, stuckAfterDays } from '../domain/follow-up.ts';
import { calendarDateIn } from '../domain/lead-time.ts';
import { orderStatusWords } from '../domain/order-status.ts';
import type { Language } from '../schemas/common.ts';
import { composeEmail, type Paragraph } from './layout.ts';

/** R7: the daily follow-up, one e-mail a person a day, in the person's language (the staff directory's). */

const text = {
  'zh-CN': {
    subject: (today: string, count: number) => `每日跟进 ${today}：${count} 项待办`,
    greeting: (name: string, today: string) => `${name}，您好：\n以下是截至 ${today} 等您处理的事项。`,
    overdue: '已逾期（最早的在前）：',
    pending: '待您审批：',
    stuck: (days: number) => `您的客户订单中，${days} 天以上没有进展的：`,
    team: '您团队的逾期事项（最早的在前）：',
    late: (days: number) => (days === 1 ? '逾期 1 天' : `逾期 ${days} 天`),
    askedOn: (day: string) => `${day} 发起`,
    still: (days: number) => `${days} 天无进展`,
    lastStep: (day: string) => `最近一步 ${day}`,
    kind: {
      approval: '审批',
      complaint: '投诉',
      statement: '对账单未回签',
      'promised-date': '交期已过未出货',
      'delivery-late': '送货逾期未签收',
      'delivery-held': '超信用额度暂停发货',
    },
    of: (name: string) => `${name}：`,
    aside: (words: string) => `（${words}）`,
    closing: '审批链接仅供您本人使用。',
  },
  en: {
    subject: (today: string, count: number) => `Daily follow-up ${today}: ${count} item(s) waiting on you`,
    greeting: (name: string, today: string) => `Hello ${name},\nthese are waiting on you as of ${today}.`,
    overdue: 'Overdue (oldest first):',
    pending: 'Waiting for your decision:',
    stuck: (days: number) => `Your customers' orders with no step for ${days} days or more:`,
    team: "Your team's overdue items (oldest first):",
    late: (days: number) => `${days} day(s) late`,
    askedOn: (day: string) => `asked on ${day}`,
    still: (days: number) => `${days} day(s)`,
    lastStep: (day: string) => `last step ${day}`,
    kind: {
      approval: 'Approval',
      complaint: 'Complaint',
      statement: 'Statement not signed back',
      'promised-date': 'Promised date passed, still to ship',
      'delivery-late': 'Delivery not signed for by its day',
      'delivery-held': 'Delivery held beyond the credit limit',
    },
    of: (name: string) => `${name}: `,
    aside: (words: string) => ` (${words})`,
    closing: 'The approval links are for you alone.',
  },
} as const;

export type DigestFacts = {
  digest: Digest;
  name: string;
  language: Language;
  today: string;
  /** The fresh link of each approval listed, by its id. */
  links: ReadonlyMap<string, string>;
  /** A colleague's name, by e-mail (the team's items). */
  nameOf: (email: string) => string;
};

export function followUpEmail({ digest, name, language, today, links, nameOf }: DigestFacts) {
  const t = text[language];
  const what = (item: OverdueItem) => `${t.kind[item.kind]} · ${item.label}`;
  /**
   * Late items in their order (oldest first): a person's own approvals as links to decide them from, the rest (and a
   * team's items, which the leader does not decide) as rows of a table.
   */
  const lateItems = (items: readonly LateItem[], owner = false) => {
    const paragraphs: Paragraph[] = [];
    let rows: (readonly [string, string])[] | undefined;
    for (const item of items) {
      const link = owner ? undefined : item.approval && links.get(item.approval.id);
      if (link) {
        paragraphs.push({ link, label: `${what(item)}${t.aside(t.late(item.daysLate))}` });
        rows = undefined;
        continue;
      }
      if (!rows) {
        rows = [];
        paragraphs.push({ rows });
      }
      rows.push([`${owner ? t.of(nameOf(item.owner)) : ''}${what(item)}`, t.late(item.daysLate)]);
    }
    return paragraphs;
  };
  const sections: Paragraph[][] = [
    digest.overdue.length ? [t.overdue, ...lateItems(digest.overdue)] : [],
    digest.pending.length
      ? [
          t.pending,
          ...digest.pending.map((approval) => ({
            link: links.get(approval.id) as string,
            label: `${approval.ask} — ${approval.subject.title}${t.aside(t.askedOn(calendarDateIn(new Date(approval.createdAt), companyTimeZone)))}`,
          })),
        ]
      : [],
    digest.stuck.length
      ? [
          t.stuck(stuckAfterDays),
          {
            rows: digest.stuck.map(
              (order) =>
                [
                  `${order.number} · ${orderStatusWords[order.status][language]}${t.aside(t.lastStep(order.lastStepOn))}`,
                  t.still(order.daysStill),
                ] as const,
            ),
          },
        ]
      : [],
    digest.team.length ? [t.team, ...lateItems(digest.team, true)] : [],
  ];
  const count = digest.overdue.length + digest.pending.length + digest.stuck.length + digest.team.length;
  return composeEmail(t.subject(today, count), [
    t.greeting(name, today),
    ...sections.flat(),
    ...(links.size ? [t.closing] : []),
  ]);
}
