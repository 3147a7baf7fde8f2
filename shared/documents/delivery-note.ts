import type { DeliveryNote } from '../schemas/documents.ts';
import {
  common,
  customerText,
  deliverTo,
  documentFileName,
  lineTable,
  quantityText,
  signatureBox,
  weightText,
} from './labels.ts';
import { type BusinessDocument, renderBusinessDocument } from './pdf.ts';

const words = {
  'zh-CN': {
    ...common['zh-CN'],
    delivery: '批次',
    shipment: '运输信息',
    carrier: '承运人',
    vehicle: '车牌号',
    driver: '司机',
    waybill: '运单号',
    shippedOn: '发货日期',
    finance: '财务（开单）',
    salesAdmin: '销管（审价）',
    warehouse: '仓库（发货）',
    receivedBy: '客户签收（盖章）',
  },
  en: {
    ...common.en,
    delivery: 'Delivery',
    shipment: 'Shipment',
    carrier: 'Carrier',
    vehicle: 'Vehicle',
    driver: 'Driver',
    waybill: 'Waybill no.',
    shippedOn: 'Shipped on',
    finance: 'Finance (issued)',
    salesAdmin: 'Sales admin (prices)',
    warehouse: 'Warehouse (shipped)',
    receivedBy: 'Received by customer',
  },
};

export const deliveryNoteTitle = { 'zh-CN': '送货单', en: 'Delivery note' } as const;

/** The file name the customer receives (R22): the title and the note's number, in their language. */
export const deliveryNoteFileName = (note: Pick<DeliveryNote, 'number' | 'language'>) =>
  documentFileName(deliveryNoteTitle, note.number, note.language);

export function deliveryNoteLayout(note: DeliveryNote): BusinessDocument {
  const t = words[note.language];
  const { language, shipment, signatures } = note;
  const several = note.orderNumbers.length > 1;
  return {
    language,
    title: deliveryNoteTitle,
    number: note.number,
    date: note.issuedOn,
    reference: `${note.customer.code} ${note.customer.name}`,
    fields: [
      { label: t.customer, value: customerText(note.customer), wide: true },
      { label: t.order, value: note.orderNumbers.join(', ') },
      {
        label: note.delivery ? t.delivery : t.po,
        value: note.delivery ? String(note.delivery) : (note.poNumbers ?? []).join(', ') || '—',
      },
      ...(note.delivery ? [{ label: t.po, value: (note.poNumbers ?? []).join(', ') || '—' }] : []),
      ...deliverTo(language, note.deliveryAddress, note.deliveryContact),
    ],
    table: lineTable(note, {
      note: (line) => [line.spec, several ? line.orderNumber : undefined].filter(Boolean).join(' · ') || undefined,
      extra: [
        {
          label: t.boxes,
          width: 36,
          align: 'right',
          cell: (line) => quantityText(line.boxes, language),
          total: quantityText(note.totals.boxes, language),
        },
        {
          label: t.grossWeight,
          width: 50,
          align: 'right',
          cell: (line) => weightText(line.grossWeight, language),
          total: weightText(note.totals.grossWeight, language),
        },
      ],
    }),
    sections: [
      ...(shipment
        ? [
            {
              heading: t.shipment,
              fields: [
                { label: t.carrier, value: shipment.carrier },
                { label: t.waybill, value: shipment.waybill },
                { label: t.vehicle, value: shipment.vehicle ?? '—' },
                { label: t.driver, value: [shipment.driver, shipment.driverPhone].filter(Boolean).join(' · ') || '—' },
                ...(shipment.shippedOn ? [{ label: t.shippedOn, value: shipment.shippedOn }] : []),
                ...(note.remarks ? [{ label: t.remarks, value: note.remarks, wide: true }] : []),
              ],
            },
          ]
        : []),
      ...(note.remarks && !shipment
        ? [{ heading: t.remarks, fields: [{ label: t.remarks, value: note.remarks, wide: true }] }]
        : []),
    ],
    signatures: [
      signatureBox(t.finance, signatures.finance),
      signatureBox(t.salesAdmin, signatures.salesAdmin),
      signatureBox(t.warehouse, signatures.warehouse),
      { label: t.receivedBy },
    ],
    labels: t,
  };
}

/** R22: the delivery note as the customer receives it, a PDF in their language. */
export const renderDeliveryNote = (note: DeliveryNote) => renderBusinessDocument(deliveryNoteLayout(note));
