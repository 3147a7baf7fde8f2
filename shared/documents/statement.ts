import { formatAmountFigure } from '../domain/order-amounts.ts';
import type { LedgerEntryKind } from '../schemas/ledger.ts';
import type { Statement } from '../schemas/statement.ts';
import { common, documentFileName } from './labels.ts';
import { type BusinessDocument, renderBusinessDocument } from './pdf.ts';

type Kind = (typeof LedgerEntryKind.options)[number];

const words = {
  'zh-CN': {
    ...common['zh-CN'],
    period: '对账期间',
    revision: '版本',
    opening: '期初余额',
    closing: '期末余额',
    due: '更正后应付',
    on: '日期',
    entry: '摘要',
    reference: '单据号',
    debit: (currency: string) => `借方 (${currency})`,
    credit: (currency: string) => `贷方 (${currency})`,
    balance: (currency: string) => `余额 (${currency})`,
    kinds: {
      'delivery-note': '送货单',
      'delivery-note-void': '送货单作废',
      payment: '收款',
      'return-note': '退货冲账',
      'return-note-void': '退货单作废',
      adjustment: '调整',
    } satisfies Record<Kind, string>,
    openingLine: '上期结转',
    correctionsSection: '更正（经财务主管批准）',
    ageingSection: '账龄（期末）',
    ageing: {
      current: '未到期',
      days1to30: '逾期 1–30 天',
      days31to60: '31–60 天',
      days61to90: '61–90 天',
      over90: '90 天以上',
    },
    confirm: '请核对。如无异议，请通过邮件中的链接确认；如有异议，请注明有误的款项。',
    customerSign: '客户确认（签章）',
    companySign: '财务',
  },
  en: {
    ...common.en,
    period: 'Period',
    revision: 'Revision',
    opening: 'Opening',
    closing: 'Closing',
    due: 'Due, corrected',
    on: 'Date',
    entry: 'Entry',
    reference: 'Reference',
    debit: (currency: string) => `Debit (${currency})`,
    credit: (currency: string) => `Credit (${currency})`,
    balance: (currency: string) => `Balance (${currency})`,
    kinds: {
      'delivery-note': 'Delivery note',
      'delivery-note-void': 'Delivery note void',
      payment: 'Payment received',
      'return-note': 'Return credit',
      'return-note-void': 'Return note void',
      adjustment: 'Adjustment',
    } satisfies Record<Kind, string>,
    openingLine: 'Brought forward',
    correctionsSection: 'Corrections (approved by the finance leader)',
    ageingSection: 'Ageing at the end of the period',
    ageing: {
      current: 'Not yet due',
      days1to30: '1–30 days',
      days31to60: '31–60 days',
      days61to90: '61–90 days',
      over90: 'Over 90 days',
    },
    confirm: 'Please check this statement and confirm it from the link in our e-mail, or name the entries you query.',
    customerSign: 'Confirmed for the customer',
    companySign: 'Finance',
  },
};

export const statementTitle = { 'zh-CN': '对账单', en: 'Statement' } as const;

/** The file name the customer receives (R38): the title, the number and its revision, in their language. */
export const statementFileName = (s: Pick<Statement, 'id' | 'revision' | 'language'>) =>
  documentFileName(statementTitle, s.revision > 1 ? `${s.id}-R${s.revision}` : s.id, s.language);

export function statementLayout(s: Statement): BusinessDocument {
  const t = words[s.language];
  const money = (amount: number) => formatAmountFigure(amount, s.currency, s.language);
  const side = (amount: number, debit: boolean) =>
    amount > 0 === debit && amount !== 0 ? money(Math.abs(amount)) : '';
  return {
    language: s.language,
    title: statementTitle,
    number: s.id,
    date: s.issuedAt.slice(0, 10),
    reference: `${s.customerCode} ${s.customerName} · ${s.from} – ${s.to}`,
    fields: [
      { label: t.customer, value: `${s.customerCode}  ${s.customerName}`, wide: true },
      { label: t.period, value: `${s.from} – ${s.to}` },
      { label: t.revision, value: String(s.revision) },
      { label: t.opening, value: `${money(s.opening)} ${s.currency}` },
      { label: t.closing, value: `${money(s.closing)} ${s.currency}` },
      ...(s.corrections.length ? [{ label: t.due, value: `${money(s.due)} ${s.currency}` }] : []),
    ],
    table: {
      columns: [
        { label: t.on, width: 62 },
        { label: t.entry, width: 112 },
        { label: t.reference, width: 116 },
        { label: t.debit(s.currency), width: 75, align: 'right' },
        { label: t.credit(s.currency), width: 75, align: 'right' },
        { label: t.balance(s.currency), width: 75, align: 'right' },
      ],
      rows: [
        [s.from, t.openingLine, '', '', '', money(s.opening)],
        ...s.lines.map((line) => [
          line.on,
          line.reason ? { text: t.kinds[line.kind], note: line.reason } : t.kinds[line.kind],
          line.orderNumber ? { text: line.reference, note: `${t.order} ${line.orderNumber}` } : line.reference,
          side(line.amount, true),
          side(line.amount, false),
          money(line.balance),
        ]),
      ],
      totals: [t.total, '', '', money(s.debits), money(s.credits), money(s.closing)],
    },
    sections: [
      ...(s.corrections.length
        ? [
            {
              heading: t.correctionsSection,
              fields: s.corrections.map((c) => ({
                label: c.bookedOn,
                value: `${c.reference}: ${money(c.amount)} ${s.currency} — ${c.reason}`,
                wide: true,
              })),
            },
          ]
        : []),
      {
        heading: t.ageingSection,
        fields: (Object.keys(t.ageing) as (keyof typeof t.ageing)[]).map((bucket) => ({
          label: t.ageing[bucket],
          value: money(s.ageing[bucket]),
        })),
      },
      { heading: t.remarks, fields: [{ label: '', value: t.confirm, wide: true }] },
    ],
    signatures: [
      { label: t.companySign },
      (() => {
        const confirmed = s.signatures.findLast((g) => g.outcome === 'confirmed' && g.revision === s.revision);
        return { label: t.customerSign, name: confirmed?.signedBy, date: confirmed?.at.slice(0, 10) };
      })(),
    ],
    labels: t,
  };
}

/** R38: the statement the customer signs back, a PDF in its language. */
export const renderStatement = (statement: Statement) => renderBusinessDocument(statementLayout(statement));
