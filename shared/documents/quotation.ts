import { formatAmountFigure, formatUnitPriceFigure, lineAmount, sumAmounts } from '../domain/order-amounts.ts';
import type { Language } from '../schemas/common.ts';
import type { DocumentSignature } from '../schemas/documents.ts';
import type { Quotation } from '../schemas/quotation.ts';
import { common, documentFileName, quantityText, signatureBox } from './labels.ts';
import { type BusinessDocument, type Column, contentWidth, renderBusinessDocument } from './pdf.ts';

const words = {
  'zh-CN': {
    ...common['zh-CN'],
    currency: '币种',
    validUntil: '报价有效期至',
    quantityOpen: '不限',
    terms: '报价说明',
    termsText: (currency: string, until: string) =>
      `以上单价以 ${currency} 计，有效期至 ${until}（含）。下单时请注明本报价单号。`,
    signatures: { approved: '批准', sales: '业务' },
  },
  en: {
    ...common.en,
    currency: 'Currency',
    validUntil: 'Valid until',
    quantityOpen: 'any',
    terms: 'Terms',
    termsText: (currency: string, until: string) =>
      `Unit prices in ${currency}, valid until ${until} inclusive. Please quote this number when you order.`,
    signatures: { approved: 'Approved', sales: 'Sales' },
  },
};

export const quotationTitle = { 'zh-CN': '报价单', en: 'Quotation' } as const;

/** What the quotation's PDF is made of: the quotation, in a reader's language, with who approved and asked for it. */
export type QuotationDocument = {
  quotation: Quotation;
  language: Language;
  approvedBy?: DocumentSignature;
  requestedBy?: DocumentSignature;
};

/** The file the customer receives (R37): the title and the quotation's number, in its language. */
export const quotationFileName = ({ quotation, language }: Pick<QuotationDocument, 'quotation' | 'language'>) =>
  documentFileName(quotationTitle, quotation.number, language);

/**
 * R37: the quotation in the company format — letterhead, number, customer, validity, the lines at their prices (a
 * line quoted for a quantity with its amount; without one, for any quantity) — and never the list prices.
 */
export function quotationLayout({ quotation, language, approvedBy, requestedBy }: QuotationDocument): BusinessDocument {
  const t = words[language];
  const { currency, lines } = quotation;
  const amounts = lines.map((l) =>
    l.quantity === undefined ? undefined : lineAmount(l.quantity, l.unitPrice, currency),
  );
  const columns: Column[] = [
    { label: t.line, width: 24, align: 'center' },
    { label: t.code, width: 70 },
    { label: t.quantity, width: 54, align: 'right' },
    { label: t.unit, width: 30, align: 'center' },
    { label: t.unitPrice(currency), width: 66, align: 'right' },
    { label: t.amount(currency), width: 74, align: 'right' },
  ];
  const used = columns.reduce((sum, c) => sum + c.width, 0);
  const everyAmount = amounts.every((a) => a !== undefined);
  return {
    language,
    title: quotationTitle,
    number: quotation.number,
    date: quotation.requestedAt.slice(0, 10),
    reference: `${quotation.customerCode} ${quotation.customerName}`,
    fields: [
      { label: t.customer, value: `${quotation.customerCode}  ${quotation.customerName}`, wide: true },
      { label: t.currency, value: currency },
      { label: t.validUntil, value: quotation.validUntil },
    ],
    table: {
      columns: [...columns.slice(0, 2), { label: t.name, width: contentWidth - used }, ...columns.slice(2)],
      rows: lines.map((line, i) => {
        const amount = amounts[i];
        return [
          String(line.line),
          line.productCode,
          { text: line.productName, note: line.spec },
          line.quantity === undefined ? t.quantityOpen : quantityText(line.quantity, language),
          line.unit,
          formatUnitPriceFigure(line.unitPrice, currency, language),
          amount === undefined ? '—' : formatAmountFigure(amount, currency, language),
        ];
      }),
      ...(everyAmount
        ? {
            totals: [
              '',
              t.total,
              '',
              '',
              '',
              '',
              new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(
                sumAmounts(amounts as number[], currency),
              ),
            ],
          }
        : {}),
    },
    sections: [
      {
        heading: t.terms,
        fields: [
          { label: t.terms, value: t.termsText(currency, quotation.validUntil), wide: true },
          ...(quotation.note ? [{ label: t.remarks, value: quotation.note, wide: true }] : []),
        ],
      },
    ],
    signatures: [signatureBox(t.signatures.sales, requestedBy), signatureBox(t.signatures.approved, approvedBy)],
    labels: t,
  };
}

/** R37: the approved quotation the customer receives, a PDF in its language. */
export const renderQuotation = (document: QuotationDocument) => renderBusinessDocument(quotationLayout(document));
