import { balanceOf, formatMoney } from '../domain/order-amounts.ts';
import type { Language } from '../schemas/common.ts';
import type { Statement, StatementSignature } from '../schemas/statement.ts';
import { composeEmail, type Paragraph } from './layout.ts';

/**
 * R38: the e-mails of a month-end statement (对账单). The customer's in its language, naming no one of the company;
 * the staff's in Chinese and English.
 */

const monthName = (month: string, language: Language) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return language === 'zh-CN'
    ? `${year}年${m}月`
    : new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, m - 1));
};

const text = {
  'zh-CN': {
    subject: (s: Statement) =>
      `对账单 ${s.id}（${monthName(s.month, 'zh-CN')}）${s.revision > 1 ? `更正版 第${s.revision}版` : ''}`,
    reminder: (s: Statement) => `提醒：请确认对账单 ${s.id}（${monthName(s.month, 'zh-CN')}）`,
    explained: (s: Statement) => `关于对账单 ${s.id} 的异议答复`,
    body: (s: Statement) =>
      `附件为贵司${monthName(s.month, 'zh-CN')}的对账单（${s.from} 至 ${s.to}），共 ${s.lines.length} 笔往来。`,
    corrected: (s: Statement) => `根据贵司的异议，我司已更正对账单，此为第 ${s.revision} 版，前一版作废。`,
    reminded: (s: Statement) => `我司于 ${s.sentAt?.slice(0, 10)} 发出的对账单尚未收到贵司的确认。`,
    explanation: '经核对，我司认为对账单无误，说明如下：',
    opening: '期初余额',
    debits: '本期发货',
    credits: '本期收款及冲账',
    closing: '期末余额',
    corrections: '更正',
    due: '应付金额',
    overdue: '其中已逾期',
    ask: '请核对后通过下面的链接确认，或对有误的款项提出异议（贵司系统亦可调用接口',
    link: '确认或提出异议',
    closingLine: '如有疑问请回复本邮件。',
  },
  en: {
    subject: (s: Statement) =>
      `Statement ${s.id} for ${monthName(s.month, 'en')}${s.revision > 1 ? ` — corrected, revision ${s.revision}` : ''}`,
    reminder: (s: Statement) => `Reminder: please confirm statement ${s.id} for ${monthName(s.month, 'en')}`,
    explained: (s: Statement) => `Our answer to your query on statement ${s.id}`,
    body: (s: Statement) =>
      `Attached is your statement of account for ${monthName(s.month, 'en')} (${s.from} to ${s.to}), with ${s.lines.length} entries.`,
    corrected: (s: Statement) =>
      `Following your query we have corrected the statement: this is revision ${s.revision}, and replaces the earlier one.`,
    reminded: (s: Statement) =>
      `We have not yet received your confirmation of the statement sent on ${s.sentAt?.slice(0, 10)}.`,
    explanation: 'We have checked the statement and believe it is correct, for this reason:',
    opening: 'Opening balance',
    debits: 'Goods delivered',
    credits: 'Payments and credits',
    closing: 'Closing balance',
    corrections: 'Corrections',
    due: 'Amount due',
    overdue: 'of which overdue',
    ask: 'Please check it and confirm it, or query the entries you disagree with, from the link below (or from your system through the API',
    link: 'Confirm or query the statement',
    closingLine: 'Reply to this e-mail with any question.',
  },
};

/** The statement's figures, as a table of the e-mail. */
function figures(s: Statement, language: Language): Paragraph {
  const t = text[language];
  const money = (amount: number) => formatMoney(amount, s.currency, language);
  const overdue = s.ageing.days1to30 + s.ageing.days31to60 + s.ageing.days61to90 + s.ageing.over90;
  return {
    rows: [
      [t.opening, money(s.opening)],
      [t.debits, money(s.debits)],
      [t.credits, money(s.credits ? -s.credits : 0)],
      [t.closing, money(s.closing)],
      ...(s.corrections.length
        ? [
            [
              t.corrections,
              money(
                balanceOf(
                  s.corrections.map((c) => c.amount),
                  s.currency,
                ),
              ),
            ] as const,
            [t.due, money(s.due)] as const,
          ]
        : []),
      ...(overdue > 0 ? [[t.overdue, money(overdue)] as const] : []),
    ],
  };
}

const signBackApi = (s: Statement) => `POST /statements/${s.id}/sign-back)`;

/** R38: the statement to the customer's contacts in a language, the PDF attached, with the sign-back link. */
export function statementEmail(s: Statement, language: Language, link: string) {
  const t = text[language];
  return composeEmail(t.subject(s), [
    t.body(s),
    ...(s.revision > 1 ? [t.corrected(s)] : []),
    figures(s, language),
    `${t.ask} ${signBackApi(s)}`,
    { link, label: t.link },
    t.closingLine,
  ]);
}

/** R38: a week without an answer: the customer reminded, with a fresh link. */
export function statementReminderEmail(s: Statement, language: Language, link: string) {
  const t = text[language];
  return composeEmail(t.reminder(s), [
    t.reminded(s),
    figures(s, language),
    `${t.ask} ${signBackApi(s)}`,
    { link, label: t.link },
    t.closingLine,
  ]);
}

/** R38: finance found the disputed statement right: the customer told why, to sign it as it is (or query again). */
export function statementExplainedEmail(s: Statement, language: Language, explanation: string, link: string) {
  const t = text[language];
  return composeEmail(t.explained(s), [
    t.explanation,
    explanation,
    figures(s, language),
    { link, label: t.link },
    t.closingLine,
  ]);
}

const staffFigures = (s: Statement) =>
  `期末余额 Closing ${formatMoney(s.closing, s.currency, 'en')}; 应付 Due ${formatMoney(s.due, s.currency, 'en')}`;

/** R38: two weeks unsigned: the merchandiser asked to chase the customer. */
export function statementChaseEmail(s: Statement, appUrl: string) {
  return composeEmail(`对账单未回签，请跟进 Statement not signed back: ${s.id} ${s.customerName}`, [
    `${s.customerName} 尚未确认 ${s.month} 的对账单 ${s.id}（${s.sentAt?.slice(0, 10)} 发出，已提醒客户）。请联系客户回签。`,
    `${s.customerName} has not signed back statement ${s.id} for ${s.month}, sent on ${s.sentAt?.slice(0, 10)} and reminded since. Please chase them (R38).`,
    staffFigures(s),
    { link: `${appUrl}/statements/${s.id}`, label: '查看对账单 Open the statement' },
  ]);
}

/** R38: the customer disputed entries: the merchandiser and finance told what (finance answers the approval). */
export function statementDisputedEmail(s: Statement, signature: StatementSignature, appUrl: string) {
  return composeEmail(`对账单有异议 Statement disputed: ${s.id} ${s.customerName}`, [
    `${s.customerName}（${signature.signedBy}）对 ${s.month} 的对账单 ${s.id} 第 ${s.revision} 版提出异议。财务将答复；更正后将重新发出。`,
    `${s.customerName} (${signature.signedBy}) disputes revision ${s.revision} of statement ${s.id} for ${s.month}. Finance answers it; a corrected statement is issued if need be.`,
    ...(signature.entries?.length ? [`有异议的款项 Entries disputed: ${signature.entries.join(', ')}`] : []),
    `客户说明 The customer says: ${signature.comment ?? ''}`,
    staffFigures(s),
    { link: `${appUrl}/statements/${s.id}`, label: '查看对账单 Open the statement' },
  ]);
}

const alerts = {
  'not-sent': {
    subject: '对账单未能发出 Statement not sent',
    zh: (s: Statement) =>
      `对账单 ${s.id} 多次尝试仍未能发送给 ${s.customerName}。请以其他方式发送（PDF 可在系统中下载）；客户亦可通过接口回签。`,
    en: (s: Statement) =>
      `Statement ${s.id} could not be e-mailed to ${s.customerName}, even after retries. Please send it another way (download the PDF); the customer can still sign it back through the API.`,
  },
  stalled: {
    subject: '对账单异议无人处理 Statement query unanswered',
    zh: (s: Statement) => `${s.customerName} 对对账单 ${s.id} 的异议经提醒及升级仍无人处理，已再次提交。`,
    en: (s: Statement) =>
      `Nobody answered the query on statement ${s.id} of ${s.customerName}, even after the escalation; it is asked again.`,
  },
  unsigned: {
    subject: '对账单始终未回签 Statement never signed back',
    zh: (s: Statement) => `${s.customerName} 两个月内未确认对账单 ${s.id}，已记录为未回签。请与客户核对往来。`,
    en: (s: Statement) =>
      `${s.customerName} did not sign back statement ${s.id} within two months: it is recorded as never signed. Please reconcile with the customer.`,
  },
};

/** R38: to the merchandiser and finance: a statement that needs a person — not sent, a query unanswered, never signed. */
export function statementAlertEmail(s: Statement, alert: keyof typeof alerts, appUrl: string) {
  const a = alerts[alert];
  return composeEmail(`${a.subject}: ${s.id} ${s.customerName}`, [
    a.zh(s),
    a.en(s),
    staffFigures(s),
    { link: `${appUrl}/statements/${s.id}`, label: '查看对账单 Open the statement' },
  ]);
}

/** What finance's summary of a month's statements says. */
export type StatementsSummary = {
  month: string;
  counts: { issued: number; sent: number; confirmed: number; disputed: number; unsigned: number };
  /** The customers whose statement the run could not write, with why. */
  failed: { customer: string; reason: string }[];
  /** What this run did: statements issued now, and those found issued already. */
  run?: { issued: number; stated: number; nothing: number };
  chased?: string[];
};

/** R38: to finance, after the month-end run and each day it chases: sent, signed, disputed, failed. */
export function statementsSummaryEmail(summary: StatementsSummary, appUrl: string) {
  const { counts, failed, run, chased = [] } = summary;
  const signed = counts.confirmed;
  return composeEmail(
    `${summary.month} 对账单汇总 Statements of ${summary.month}: ${counts.sent + counts.issued} 待回签 waiting, ${signed} 已确认 confirmed, ${counts.disputed} 有异议 disputed, ${failed.length} 失败 failed`,
    [
      ...(run
        ? [
            `本次月结运行 This month-end run: ${run.issued} 份新对账单 statements issued, ${run.stated} 份已存在 already issued, ${run.nothing} 户无往来 customers with nothing to state.`,
          ]
        : []),
      {
        rows: [
          ['已发出待回签 Sent, waiting', String(counts.sent + counts.issued)],
          ['已确认 Confirmed', String(signed)],
          ['有异议 Disputed', String(counts.disputed)],
          ['未回签（已结束追讨）Never signed', String(counts.unsigned)],
          ['未能生成 Failed', String(failed.length)],
        ],
      },
      ...(failed.length
        ? [
            `未能生成的客户（下次运行将重试）Failed, retried by the next run:\n${failed.map((f) => `${f.customer}: ${f.reason}`).join('\n')}`,
          ]
        : []),
      ...(chased.length ? [`今日已请跟单员追讨 Chased today:\n${chased.join('\n')}`] : []),
      { link: `${appUrl}/statements?from=${summary.month}-01`, label: '查看对账单 Open the statements' },
    ],
  );
}
