import type { StockPrepForm, WarehouseStockPrepForm } from '../schemas/documents.ts';
import { common, customerText, deliverTo, documentFileName, lineTable, quantityText, signatureBox } from './labels.ts';
import { type BusinessDocument, renderBusinessDocument } from './pdf.ts';

const words = {
  'zh-CN': {
    ...common['zh-CN'],
    delivery: '批次',
    revision: '轮次',
    requestedShipDate: '要求出货日',
    vehiclePlan: '车辆安排',
    merchandiser: '跟单员（制单）',
    salesAdmin: '销管（审价）',
    warehouse: '仓库（备货确认）',
  },
  en: {
    ...common.en,
    delivery: 'Delivery',
    revision: 'Round',
    requestedShipDate: 'Ship by',
    vehiclePlan: 'Vehicle plan',
    merchandiser: 'Merchandiser (prepared)',
    salesAdmin: 'Sales admin (prices)',
    warehouse: 'Warehouse (goods ready)',
  },
};

export const stockPrepFormTitle = { 'zh-CN': '备货单', en: 'Stock-prep form' } as const;

/** The form's number: the order's and the delivery's, with the round it is in (R19). */
export const stockPrepFormNumber = (form: Pick<StockPrepForm, 'orderNumber' | 'delivery' | 'revision'>) =>
  `${form.orderNumber}/${form.delivery}${form.revision > 1 ? ` R${form.revision}` : ''}`;

export const stockPrepFormFileName = (
  form: Pick<StockPrepForm, 'orderNumber' | 'delivery' | 'revision' | 'language'>,
) => documentFileName(stockPrepFormTitle, stockPrepFormNumber(form).replace(/[/ ]/g, '-'), form.language);

export function stockPrepFormLayout(form: StockPrepForm | WarehouseStockPrepForm): BusinessDocument {
  const t = words[form.language];
  const { language, signatures } = form;
  const number = stockPrepFormNumber(form);
  return {
    language,
    title: stockPrepFormTitle,
    number,
    date: form.preparedOn,
    reference: `${form.customer.code} ${form.customer.name}`,
    fields: [
      { label: t.customer, value: customerText(form.customer), wide: true },
      { label: t.order, value: form.orderNumber },
      { label: t.po, value: form.poNumber ?? '—' },
      { label: t.delivery, value: String(form.delivery) },
      { label: t.revision, value: String(form.revision) },
      { label: t.requestedShipDate, value: form.requestedShipDate },
      ...deliverTo(language, form.deliveryAddress, form.deliveryContact),
      { label: t.vehiclePlan, value: form.vehiclePlan, wide: true },
      ...(form.remarks ? [{ label: t.remarks, value: form.remarks, wide: true }] : []),
    ],
    table: lineTable(form, {
      note: (line) => line.spec,
      extra: [
        {
          label: t.boxes,
          width: 40,
          align: 'right',
          cell: (line) => (line.boxes === undefined ? '' : quantityText(line.boxes, language)),
          total: form.totals.boxes === undefined ? '' : quantityText(form.totals.boxes, language),
        },
      ],
    }),
    sections: [],
    signatures: [
      signatureBox(t.merchandiser, signatures.merchandiser),
      signatureBox(t.salesAdmin, signatures.salesAdmin),
      signatureBox(t.warehouse, signatures.warehouse),
    ],
    labels: t,
  };
}

/** R17–R19: the stock-prep form, for the warehouse to pick against (its copy without prices, R42) and the approvers to sign. */
export const renderStockPrepForm = (form: StockPrepForm | WarehouseStockPrepForm) =>
  renderBusinessDocument(stockPrepFormLayout(form));
