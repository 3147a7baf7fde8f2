import { formatAmountFigure, formatUnitPriceFigure } from '../domain/order-amounts.ts';
import type { Currency, Language } from '../schemas/common.ts';
import type { DeliveryNote, DocumentCustomer, DocumentSignature } from '../schemas/documents.ts';
import { type BusinessDocument, type Cell, type Column, contentWidth, type Field, type SignatureBox } from './pdf.ts';

/** The words every document shares, in the reader's language. */
export const common = {
  'zh-CN': {
    page: (page: number, pages: number) => `第 ${page} 页 / 共 ${pages} 页`,
    signedBy: '签名',
    date: '日期',
    continued: '续页',
    customer: '客户',
    order: '订单号',
    po: '客户订单号',
    address: '送货地址',
    contact: '联系人',
    line: '序号',
    code: '产品编号',
    name: '品名 / 规格',
    quantity: '数量',
    unit: '单位',
    unitPrice: (currency: string) => `单价 (${currency})`,
    amount: (currency: string) => `金额 (${currency})`,
    boxes: '箱数',
    grossWeight: '毛重 (kg)',
    total: '合计',
    remarks: '备注',
  },
  en: {
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    signedBy: 'Name',
    date: 'Date',
    continued: 'continued',
    customer: 'Customer',
    order: 'Order',
    po: 'Your PO',
    address: 'Deliver to',
    contact: 'Contact',
    line: 'No.',
    code: 'Product code',
    name: 'Description / spec',
    quantity: 'Qty',
    unit: 'Unit',
    unitPrice: (currency: string) => `Unit price (${currency})`,
    amount: (currency: string) => `Amount (${currency})`,
    boxes: 'Boxes',
    grossWeight: 'G.W. (kg)',
    total: 'Total',
    remarks: 'Remarks',
  },
} satisfies Record<Language, unknown>;

export const addressText = (address: DeliveryNote['deliveryAddress']) =>
  [...address.lines, [address.postalCode, address.city].filter(Boolean).join(' '), address.country].join('\n');

export const contactText = (contact: DeliveryNote['deliveryContact']) =>
  [contact.name, contact.phone, contact.email].filter(Boolean).join(' · ');

/** Where the goods go: the contact there, and the address on a row of its own. */
export const deliverTo = (
  language: Language,
  address: DeliveryNote['deliveryAddress'],
  contact: DeliveryNote['deliveryContact'],
): Field[] => [
  { label: common[language].contact, value: contactText(contact) },
  { label: common[language].address, value: addressText(address), wide: true },
];

/** The file a reader receives: the title in Chinese, or in English as a slug (delivery-note), and the number. */
export const documentFileName = (title: BusinessDocument['title'], number: string, language: Language) =>
  `${language === 'zh-CN' ? title['zh-CN'] : title.en.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${number}.pdf`;

export const customerText = (customer: DocumentCustomer) => `${customer.code}  ${customer.name}`;

/** A signature box with whoever signed it, blank to sign on paper until then. */
export const signatureBox = (label: string, signature: DocumentSignature | undefined): SignatureBox => ({
  label,
  name: signature?.name,
  date: signature?.signedOn,
});

export const quantityText = (quantity: number, language: Language) => new Intl.NumberFormat(language).format(quantity);

/**
 * What every document's line carries: its number, the product, the quantity at its unit price and the amount — but
 * the warehouse's copy of a stock-prep form, which has no price (R42).
 */
type DocumentLine = {
  line: number;
  productCode: string;
  name: string;
  quantity: number;
  unit: string;
  unitPrice?: number;
  amount?: number;
};

/** A column a document adds after the amount: its head, its cell on each line and in the totals row. */
export type ExtraColumn<L> = Column & { cell: (line: L) => Cell; total?: Cell };

/**
 * The line table (A4 portrait): number, product code, description (with a smaller note under it: a spec, an order),
 * quantity, unit, unit price and amount, then the document's own columns; the description takes what the figures
 * leave. The totals row has the pieces and the amount with its currency's narrow symbol (¥, $, €) — the column's
 * head names the currency, and "CN¥615,923.50" in English would not fit the column on one line. A document may name
 * the quantity and the amount otherwise (a return note's quantity returned, its credit).
 */
export function lineTable<L extends DocumentLine>(
  document: {
    language: Language;
    /** Absent on a copy without prices: no unit price or amount column. */
    currency?: Currency;
    lines: readonly L[];
    totals: { quantity: number; amount?: number };
  },
  {
    note,
    extra = [],
    named = {},
  }: {
    note: (line: L) => string | undefined;
    extra?: ExtraColumn<L>[];
    named?: { quantity?: string; amount?: string };
  },
): BusinessDocument['table'] {
  const { language, currency, totals } = document;
  const t = common[language];
  const priced = (figures: () => Cell[]) => (currency === undefined ? [] : figures());
  const fixed: Column[] = [
    { label: t.line, width: 24, align: 'center' },
    { label: t.code, width: 66 },
    { label: named.quantity ?? t.quantity, width: 50, align: 'right' },
    { label: t.unit, width: 30, align: 'center' },
    ...(currency === undefined
      ? []
      : [
          { label: t.unitPrice(currency), width: 58, align: 'right' as const },
          { label: named.amount ?? t.amount(currency), width: 68, align: 'right' as const },
        ]),
    ...extra.map(({ cell: _, total: __, ...column }) => column),
  ];
  const used = fixed.reduce((sum, c) => sum + c.width, 0);
  const name: Column = { label: t.name, width: contentWidth - used };
  return {
    columns: [...fixed.slice(0, 2), name, ...fixed.slice(2)],
    rows: document.lines.map((line) => [
      String(line.line),
      line.productCode,
      { text: line.name, note: note(line) },
      quantityText(line.quantity, language),
      line.unit,
      ...priced(() => [
        formatUnitPriceFigure(line.unitPrice ?? 0, currency as Currency, language),
        formatAmountFigure(line.amount ?? 0, currency as Currency, language),
      ]),
      ...extra.map((column) => column.cell(line)),
    ]),
    totals: [
      '',
      t.total,
      '',
      quantityText(totals.quantity, language),
      '',
      ...priced(() => [
        '',
        new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(
          totals.amount ?? 0,
        ),
      ]),
      ...extra.map((column) => column.total ?? ''),
    ],
  };
}

/** A weight in kilograms; a dash when it was not weighed (per line: the shipment weighs the whole delivery). */
export const weightText = (kg: number | undefined, language: Language) =>
  kg === undefined
    ? '—'
    : new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 3 }).format(kg);
