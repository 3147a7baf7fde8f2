import { formatAmountFigure, formatMoney, formatUnitPriceFigure } from '../domain/order-amounts.ts';
import type { Currency, Language } from '../schemas/common.ts';
import type { DeliveryNote, DocumentCustomer, DocumentSignature } from '../schemas/documents.ts';
import { type BusinessDocument, type Cell, type Column, contentWidth, type SignatureBox } from './pdf.ts';

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

/**
 * The line table's columns (A4 portrait): the description takes what the figures leave. A document may name its
 * quantity and amount otherwise (a return note's quantity returned, its credit).
 */
export function lineColumns(
  language: Language,
  currency: string,
  extra: Column[],
  named: { quantity?: string; amount?: string } = {},
): Column[] {
  const t = common[language];
  const fixed: Column[] = [
    { label: t.line, width: 24, align: 'center' },
    { label: t.code, width: 66 },
    { label: named.quantity ?? t.quantity, width: 50, align: 'right' },
    { label: t.unit, width: 30, align: 'center' },
    { label: t.unitPrice(currency), width: 58, align: 'right' },
    { label: named.amount ?? t.amount(currency), width: 68, align: 'right' },
    ...extra,
  ];
  const used = fixed.reduce((sum, c) => sum + c.width, 0);
  const name: Column = { label: t.name, width: contentWidth - used };
  return [...fixed.slice(0, 2), name, ...fixed.slice(2)];
}

export const quantityText = (quantity: number, language: Language) => new Intl.NumberFormat(language).format(quantity);

type PricedLine = {
  line: number;
  productCode: string;
  name: string;
  quantity: number;
  unit: string;
  unitPrice: number;
};

/** A line's cells under lineColumns' fixed columns; `note` is the smaller line under its name (a spec, an order). */
export function lineCells(
  line: PricedLine & { amount: number },
  note: string | undefined,
  language: Language,
  currency: Currency,
): Cell[] {
  return [
    String(line.line),
    line.productCode,
    { text: line.name, note },
    quantityText(line.quantity, language),
    line.unit,
    formatUnitPriceFigure(line.unitPrice, currency, language),
    formatAmountFigure(line.amount, currency, language),
  ];
}

/** The totals row's cells under the same columns: the pieces and the amount, with its currency's symbol. */
export function totalCells(
  label: string,
  totals: { quantity: number; amount: number },
  language: Language,
  currency: Currency,
): Cell[] {
  return [
    '',
    label,
    '',
    quantityText(totals.quantity, language),
    '',
    '',
    formatMoney(totals.amount, currency, language),
  ];
}

/** A weight in kilograms; a dash when it was not weighed (per line: the shipment weighs the whole delivery). */
export const weightText = (kg: number | undefined, language: Language) =>
  kg === undefined
    ? '—'
    : new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 3 }).format(kg);
