import type { ReturnNote } from '../schemas/documents.ts';
import { common, customerText, documentFileName, lineTable, signatureBox } from './labels.ts';
import { type BusinessDocument, renderBusinessDocument } from './pdf.ts';

const words = {
  'zh-CN': {
    ...common['zh-CN'],
    returnNumber: '退货申请单号',
    deliveryNote: '原送货单号',
    returned: '退货数量',
    credited: (currency: string) => `退款金额 (${currency})`,
    reason: '退货原因',
    handlingSection: '退货处理',
    cause: { label: '责任方', company: '我司原因', customer: '客户原因' },
    handling: { label: '处理方式', restock: '退回入库', remelt: '回厂回炉', rework: '返工', scrap: '报废' },
    signatures: { finance: '财务（开单）', warehouse: '仓库（收货）', salesAdmin: '销管（审核）' },
  },
  en: {
    ...common.en,
    returnNumber: 'Return no.',
    deliveryNote: 'Delivery note',
    returned: 'Qty returned',
    credited: (currency: string) => `Credit (${currency})`,
    reason: 'Reason',
    handlingSection: 'Return handling',
    cause: { label: 'Cause', company: 'Supplier', customer: 'Customer' },
    handling: { label: 'Handling', restock: 'Back to stock', remelt: 'Remelt', rework: 'Rework', scrap: 'Scrap' },
    signatures: { finance: 'Finance (issued)', warehouse: 'Warehouse (received)', salesAdmin: 'Sales admin (checked)' },
  },
};

export const returnNoteTitle = { 'zh-CN': '退货单', en: 'Return note' } as const;

/** The file name the customer receives (R36): the title and the note's number, in their language. */
export const returnNoteFileName = (note: Pick<ReturnNote, 'number' | 'language'>) =>
  documentFileName(returnNoteTitle, note.number, note.language);

export function returnNoteLayout(note: ReturnNote): BusinessDocument {
  const t = words[note.language];
  const { language, currency, signatures } = note;
  return {
    language,
    title: returnNoteTitle,
    number: note.number,
    date: note.issuedOn,
    reference: `${note.customer.code} ${note.customer.name}`,
    fields: [
      { label: t.customer, value: customerText(note.customer), wide: true },
      { label: t.returnNumber, value: note.returnNumber },
      { label: t.order, value: note.orderNumber },
      { label: t.deliveryNote, value: note.deliveryNote ?? '—' },
    ],
    table: lineTable(note, {
      note: (line) => line.spec,
      extra: [{ label: t.reason, width: 96, lines: 4, cell: (line) => line.reason ?? '—' }],
      named: { quantity: t.returned, amount: t.credited(currency) },
    }),
    sections: [
      {
        heading: t.handlingSection,
        fields: [
          { label: t.cause.label, value: t.cause[note.cause] },
          { label: t.handling.label, value: t.handling[note.handling] },
          ...(note.remarks ? [{ label: t.remarks, value: note.remarks, wide: true }] : []),
        ],
      },
    ],
    signatures: [
      signatureBox(t.signatures.finance, signatures.finance),
      signatureBox(t.signatures.warehouse, signatures.warehouse),
      signatureBox(t.signatures.salesAdmin, signatures.salesAdmin),
    ],
    labels: t,
  };
}

/** R36: the return note finance prints and the customer receives back, a PDF in the customer's language. */
export const renderReturnNote = (note: ReturnNote) => renderBusinessDocument(returnNoteLayout(note));
