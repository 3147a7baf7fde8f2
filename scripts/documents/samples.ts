/** Sample documents for people to look at (npm run documents:sample) and for the tests: demo products, real shapes. */
import { lineAmount } from '../../shared/domain/order-amounts.ts';
import { returnNoteFor } from '../../shared/domain/return-note.ts';
import { deliveryNoteTotals, stockPrepTotals } from '../../shared/domain/shipping-documents.ts';
import type { Language } from '../../shared/schemas/common.ts';
import { DeliveryNote, ReturnNote, StockPrepForm } from '../../shared/schemas/documents.ts';

const products = [
  {
    productCode: 'CZM04-SET',
    name: '双面执手套装（左）含 503085A 锁体',
    spec: '铝合金 · 套装包装',
    unit: '套',
    unitPrice: 86.5,
    perBox: 10,
    boxKg: 9.4,
  },
  {
    productCode: 'CHJ01B-800',
    name: '欧槽铝合金连杆 800',
    spec: '长 800 mm',
    unit: '支',
    unitPrice: 12.35,
    perBox: 50,
    boxKg: 21.8,
  },
  {
    productCode: '503085A',
    name: '锁体 503085A',
    spec: '不锈钢',
    unit: '个',
    unitPrice: 23.8,
    perBox: 40,
    boxKg: 16.2,
  },
  { productCode: 'CZMK08A', name: '锁扣板 CZMK08A', unit: '个', unitPrice: 3.25, perBox: 200, boxKg: 12.5 },
  {
    productCode: 'M5X75',
    name: 'M5×75 十字盘头机螺丝（镀锌），配锁体使用，每套两颗，另附备用螺丝包装说明',
    unit: '颗',
    unitPrice: 0.0825,
    perBox: 2000,
    boxKg: 11.0,
  },
  {
    productCode: 'CYL-3045T',
    name: '单开锁芯 75 长 30/45T',
    spec: '黄铜 · 3 钥匙',
    unit: '个',
    unitPrice: 18.6,
    perBox: 60,
    boxKg: 14.7,
  },
];

const english: Record<string, string> = {
  'CZM04-SET': 'Double-sided handle set (left) with 503085A lock body',
  'CHJ01B-800': 'Euro-groove aluminium connecting rod 800',
  '503085A': 'Lock body 503085A',
  CZMK08A: 'Strike plate CZMK08A',
  M5X75: 'M5×75 cross pan-head machine screw (zinc plated), two per lock body, with spare-screw packing instructions',
  'CYL-3045T': 'Single-open lock cylinder, 75 long, 30/45T',
};

function sampleLines(count: number, language: Language) {
  return Array.from({ length: count }, (_, i) => {
    const product = products[i % products.length] as (typeof products)[number];
    const quantity = product.perBox * (2 + ((i * 7) % 11));
    const boxes = Math.ceil(quantity / product.perBox);
    return {
      line: i + 1,
      productCode: product.productCode,
      name: language === 'en' ? (english[product.productCode] ?? product.name) : product.name,
      ...(product.spec ? { spec: product.spec } : {}),
      quantity,
      unit: language === 'en' ? 'pcs' : product.unit,
      unitPrice: product.unitPrice,
      amount: lineAmount(quantity, product.unitPrice, 'CNY'),
      boxes,
      grossWeight: Math.round(boxes * product.boxKg * 1000) / 1000,
    };
  });
}

const customer = { code: '104', name: '广州门窗系统有限公司' };
const deliveryAddress = {
  label: '仓库',
  lines: ['广州市白云区太和镇大源北路 88 号', '3 号仓 收货口 B'],
  city: '广州',
  postalCode: '510540',
  country: 'CN',
};
const deliveryContact = { name: '陈红', phone: '+86 20 3722 5100', email: 'chen.hong@gz-doors.example' };

export function sampleDeliveryNote({ lines = 12, language = 'zh-CN' as Language } = {}): DeliveryNote {
  const rows = sampleLines(lines, language);
  return DeliveryNote.parse({
    number: 'DN2611-0042',
    issuedOn: '2026-11-30',
    orderNumbers: ['01-1126-104C-CN'],
    poNumbers: ['GZD-PO-77812'],
    delivery: 1,
    customer,
    deliveryAddress,
    deliveryContact,
    currency: 'CNY',
    lines: rows,
    totals: deliveryNoteTotals(rows, 'CNY'),
    shipment: {
      carrier: '顺丰快运 SF Freight',
      vehicle: '粤A·D3K72',
      driver: '刘强',
      driverPhone: '+86 138 2600 1142',
      waybill: 'SF1402 7783 9921',
      shippedOn: '2026-11-30',
    },
    remarks: '请于收货时当面清点箱数并在回单上签字盖章。Please count the boxes on receipt and sign the receipt.',
    signatures: {
      finance: { name: '周敏 Zhou Min', signedOn: '2026-11-30' },
      salesAdmin: { name: '孙丽 Sun Li', signedOn: '2026-11-30' },
      warehouse: { name: '黄伟 Huang Wei', signedOn: '2026-11-30' },
    },
    language,
  });
}

export function sampleStockPrepForm({ lines = 12, language = 'zh-CN' as Language } = {}): StockPrepForm {
  const rows = sampleLines(lines, language).map(({ grossWeight: _, ...line }) => line);
  return StockPrepForm.parse({
    orderNumber: '01-1126-104C-CN',
    poNumber: 'GZD-PO-77812',
    delivery: 1,
    revision: 2,
    preparedOn: '2026-11-28',
    customer,
    currency: 'CNY',
    lines: rows,
    totals: stockPrepTotals(rows, 'CNY'),
    deliveryAddress,
    deliveryContact,
    requestedShipDate: '2026-11-30',
    vehiclePlan: '4.2 米厢式货车一辆，上午装车 · one 4.2 m box truck, loading in the morning',
    remarks: '第 2 轮：第 5 行按仓库实存数量更正。',
    signatures: {
      merchandiser: { name: '王芳 Wang Fang', signedOn: '2026-11-28' },
      salesAdmin: { name: '孙丽 Sun Li', signedOn: '2026-11-28' },
    },
    language,
  });
}

const returnReasons = {
  'zh-CN': ['锁体卡滞，钥匙转动不顺，无法正常开启（见投诉 CP2026110007）', '表面氧化发黑', undefined],
  en: [
    'Lock body jams: the key turns stiffly and the door will not open (see complaint CP2026110007)',
    'Surface oxidised',
    undefined,
  ],
};

/** R36: goods of the sample delivery sent back on an approved application, checked in by the warehouse. */
export function sampleReturnNote({ lines = 3, language = 'zh-CN' as Language } = {}): ReturnNote {
  const rows = sampleLines(lines, language).map(({ boxes: _, grossWeight: __, amount: ___, quantity, ...line }, i) => {
    const reason = returnReasons[language][i % returnReasons[language].length];
    return { ...line, quantity: Math.max(1, Math.round(quantity / 10)), ...(reason ? { reason } : {}) };
  });
  return ReturnNote.parse(
    returnNoteFor({
      number: 'RN2026120003',
      issuedOn: '2026-12-02',
      returnNumber: 'RA2026110012',
      orderNumber: '01-1126-104C-CN',
      deliveryNote: 'DN2026110042',
      customer,
      currency: 'CNY',
      lines: rows,
      cause: 'company',
      handling: 'rework',
      remarks:
        '退货已于 12 月 1 日到仓，型号与数量经仓库核对无误；退款冲减 12 月对账单。Credited on the December statement.',
      signatures: {
        finance: { name: '周敏 Zhou Min', signedOn: '2026-12-02' },
        warehouse: { name: '黄伟 Huang Wei', signedOn: '2026-12-01' },
      },
      language,
    }),
  );
}
