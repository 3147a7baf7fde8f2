import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../scripts/offline/demo-data.ts';
import {
  blockingFindings,
  customerLanguage,
  describesProduct,
  findingLine,
  findingSeverity,
  hasBlocking,
  nameParts,
  type ReviewContext,
  reviewOrder as reviewWithTranslations,
} from '../../shared/domain/order-review.ts';
import type { NewOrder, NewOrderLine } from '../../shared/schemas/order.ts';
import { doc000KitComponents, newCustomer } from '../fixtures.ts';

/** The findings in the customer's language; their translations are tested on their own below. */
const reviewOrder = (...args: Parameters<typeof reviewWithTranslations>) =>
  reviewWithTranslations(...args).map(({ translation, ...finding }) => finding);

const products = new Map(demoProducts.map((product) => [product.code, product]));
const product = (code: string) => {
  const found = products.get(code);
  if (!found) throw new Error(`no demo product ${code}`);
  return found;
};
const address = { label: 'Factory', lines: ['18 Industrial Ave'], city: 'Foshan', country: 'CN' };
const chineseCustomer = newCustomer({ addresses: [address] });
const englishCustomer = newCustomer({
  contacts: [{ name: 'Emily Carter', email: 'purchasing@northwind.example', language: 'en' }],
  currency: 'USD',
  addresses: [address],
});
const inEnglish: ReviewContext = { customer: englishCustomer, products };
const inChinese: ReviewContext = { customer: chineseCustomer, products };

const order = (...lines: NewOrderLine[]): NewOrder => ({
  poNumber: 'PO-2026-118',
  channel: 'email',
  lines,
  requestedDate: '2026-12-15',
});

const doc000Components = doc000KitComponents;
const kitLine = (components = doc000Components): NewOrderLine => ({
  productCode: 'CZM04-SET',
  description: 'CZM04-SET 执手套装',
  quantity: 50,
  components,
});
const rightComponents = doc000Components.map((c) => (c.productCode === 'CYL75-3045' ? { ...c, quantity: 50 } : c));

describe('a clean order', () => {
  it('has no findings', () => {
    const clean = order(kitLine(rightComponents), {
      productCode: 'CHJ01B-800',
      description: '欧槽铝连杆 800',
      quantity: 100,
      unitPrice: 2.8,
    });
    expect(reviewOrder(clean, inEnglish)).toEqual([]);
    expect(hasBlocking([])).toBe(false);
  });
});

describe('unknown and inactive products (R2)', () => {
  it('blocks an unknown code and checks nothing else on that line', () => {
    const findings = reviewOrder(order({ productCode: 'XYZ99', description: 'mystery', quantity: 1 }), inEnglish);
    expect(findings).toEqual([
      { code: 'unknown-product', severity: 'blocking', line: 1, message: 'Product XYZ99 is not in our catalogue.' },
    ]);
  });

  it('blocks an inactive product', () => {
    const context = { ...inChinese, products: new Map([['CZM04', { ...product('CZM04'), active: false }]]) };
    const findings = reviewOrder(order({ productCode: 'CZM04', description: '双面执手（左）', quantity: 50 }), context);
    expect(findings).toEqual([
      {
        code: 'inactive-product',
        severity: 'blocking',
        line: 1,
        message: '产品 CZM04（双面执手（左） Double-sided handle, left）已停止供应。',
      },
    ]);
  });
});

describe('product code vs name (R2)', () => {
  it('splits a name into its Chinese and English parts', () => {
    expect(nameParts('双面执手（左） Double-sided handle, left')).toEqual([
      ['双面执手', '左'],
      ['Double-sided', 'handle,', 'left'],
    ]);
    expect(nameParts('110 方轴 Square spindle')).toEqual([
      ['110', '方轴'],
      ['Square', 'spindle'],
    ]);
    expect(nameParts('螺丝 Screw M5×75')).toEqual([['螺丝'], ['Screw', 'M5×75']]);
    expect(nameParts('Lock body 锁体')).toEqual([['Lock', 'body'], ['锁体']]);
    expect(nameParts('75')).toEqual([['75']]);
  });

  it.each([
    ['CZM04', '双面执手（左）'],
    ['CZM04', '双面执手(左)'],
    ['CZM04', '双面执手 左'],
    ['CZM04', '（左）双面执手'],
    ['CZM04', '【左】双面执手'],
    ['CZM04', 'Double-sided handle, left'],
    ['CZM04', 'double sided HANDLE (left)'],
    ['CZM04', 'left double-sided handle'],
    ['CZM04', 'ＤＯＵＢＬＥ－ＳＩＤＥＤ　ＨＡＮＤＬＥ，ＬＥＦＴ'],
    ['CZM04', 'CZM04'],
    ['CZM04', 'ｃｚｍ０４ 把手'],
    ['CZM04', 'CZM04把手'],
    ['SP110', 'Square spindle'],
    ['SP110', '方轴 110'],
    ['M5X75', '螺丝'],
    ['M5X75', 'screw m5x75'],
    ['M5X75', 'M5×75'],
    ['CZM04-SET', 'Handle set (kit packing)'],
  ])('%s is named by %j', (code, description) => {
    expect(describesProduct(description, product(code))).toBe(true);
  });

  it.each([
    ['CZM04', '双面执手（右）'],
    ['CZM04', 'Double-sided handle, right'],
    ['CZM04', 'handle'],
    ['CZM04', '锁体'],
    ['CZM04', 'CZM04-SET 执手套装'],
    ['SP110', '方轴'],
    ['CZM04-SET', '执手套装'],
    ['503085A', 'Strike plate'],
  ])('%s is not named by %j', (code, description) => {
    expect(describesProduct(description, product(code))).toBe(false);
  });

  it('asks a reviewer, naming both the description and the product', () => {
    const findings = reviewOrder(order({ productCode: 'CZM04', description: '锁体', quantity: 50 }), inEnglish);
    expect(findings).toEqual([
      {
        code: 'name-mismatch',
        severity: 'review',
        line: 1,
        message:
          '"锁体" does not match product CZM04 (双面执手（左） Double-sided handle, left); please confirm which product you mean.',
      },
    ]);
    expect(reviewOrder(order({ productCode: 'CZM04', description: '锁体', quantity: 50 }), inChinese)[0]?.message).toBe(
      '品名“锁体”与产品编号 CZM04（双面执手（左） Double-sided handle, left）不符，请确认所订产品。',
    );
  });
});

describe('kit components against the bill of materials (R2)', () => {
  it("catches doc 000's 30 cylinders written for 50 handle sets", () => {
    expect(reviewOrder(order(kitLine()), inEnglish)).toEqual([
      {
        code: 'kit-quantity-mismatch',
        severity: 'blocking',
        line: 1,
        message: '30 × CYL75-3045 written, 50 expected for 50 × CZM04-SET.',
      },
    ]);
    expect(reviewOrder(order(kitLine()), inChinese)[0]?.message).toBe(
      'CYL75-3045 写了 30 个，50 × CZM04-SET 应配 50 个。',
    );
  });

  it('expects the BOM quantity per kit times the kits ordered (2 screws per set)', () => {
    const fewScrews = rightComponents.map((c) => (c.productCode === 'M5X75' ? { ...c, quantity: 50 } : c));
    expect(reviewOrder(order(kitLine(fewScrews)), inEnglish).map((f) => f.message)).toEqual([
      '50 × M5X75 written, 100 expected for 50 × CZM04-SET.',
    ]);
  });

  it('adds up a component written twice', () => {
    const split = [
      ...rightComponents.filter((c) => c.productCode !== 'M5X75'),
      ...[60, 40].map((quantity) => ({ productCode: 'M5X75', quantity })),
    ];
    expect(reviewOrder(order(kitLine(split)), inEnglish)).toEqual([]);
  });

  it('asks about a missing component and blocks one that is not in the kit', () => {
    const written = [
      ...rightComponents.filter((c) => c.productCode !== 'SP110' && c.productCode !== 'M5X75'),
      { productCode: 'CHJ01B-800', quantity: 50 },
    ];
    expect(reviewOrder(order(kitLine(written)), inEnglish)).toEqual([
      {
        code: 'kit-component-missing',
        severity: 'review',
        line: 1,
        message: 'SP110 is missing: 50 expected for 50 × CZM04-SET.',
      },
      {
        code: 'kit-component-missing',
        severity: 'review',
        line: 1,
        message: 'M5X75 is missing: 100 expected for 50 × CZM04-SET.',
      },
      {
        code: 'kit-component-unexpected',
        severity: 'blocking',
        line: 1,
        message: '50 × CHJ01B-800 written, but CHJ01B-800 is not part of kit CZM04-SET.',
      },
    ]);
  });

  it('checks nothing when the customer wrote no components', () => {
    expect(reviewOrder(order(kitLine([])), inEnglish)).toEqual([]);
    expect(reviewOrder(order({ ...kitLine(), components: undefined }), inEnglish)).toEqual([]);
  });

  it('blocks components written on a product that is not a kit', () => {
    const line = {
      productCode: 'CZM04',
      description: 'CZM04',
      quantity: 50,
      components: [{ productCode: 'SP110', quantity: 50 }],
    };
    expect(reviewOrder(order(line), inEnglish)).toEqual([
      {
        code: 'kit-component-unexpected',
        severity: 'blocking',
        line: 1,
        message: '50 × SP110 written as a component, but CZM04 is not a kit.',
      },
    ]);
  });
});

describe('minimum order quantity (R8: per part number and order)', () => {
  it('blocks a quantity below the MOQ', () => {
    expect(reviewOrder(order({ productCode: 'M5X75', description: '螺丝', quantity: 499 }), inChinese)).toEqual([
      {
        code: 'below-minimum-quantity',
        severity: 'blocking',
        line: 1,
        message: 'M5X75 订购 499，低于最小起订量 500。',
      },
    ]);
    expect(reviewOrder(order({ productCode: 'M5X75', description: '螺丝', quantity: 500 }), inChinese)).toEqual([]);
  });

  it('sums the lines of one product code: 30 + 30 meets a MOQ of 50', () => {
    const twice = order(
      { productCode: 'CZM04', description: 'CZM04', quantity: 30 },
      { productCode: 'CZM04', description: 'CZM04', quantity: 30 },
    );
    expect(reviewOrder(twice, inEnglish).map((f) => f.code)).toEqual(['duplicate-line']);
  });

  it('reports a sum below the MOQ once, on the first line', () => {
    const twice = order(
      { productCode: 'CZM04', description: 'CZM04', quantity: 20 },
      { productCode: 'CZM04', description: 'CZM04', quantity: 20 },
    );
    expect(reviewOrder(twice, inEnglish)).toEqual([
      {
        code: 'below-minimum-quantity',
        severity: 'blocking',
        line: 1,
        message: '40 × CZM04 ordered (2 lines together); the minimum order quantity is 50.',
      },
      {
        code: 'duplicate-line',
        severity: 'review',
        line: 2,
        message: 'CZM04 is already ordered on line 1; is this line a duplicate?',
      },
    ]);
  });
});

describe('prices (R2)', () => {
  it('asks about a quoted price above the list price, stating both', () => {
    expect(
      reviewOrder(order({ productCode: 'CZM04', description: 'CZM04', quantity: 50, unitPrice: 5.2 }), inEnglish),
    ).toEqual([
      {
        code: 'price-differs',
        severity: 'review',
        line: 1,
        message: 'The unit price $5.20 for CZM04 differs from the list price $4.90.',
      },
    ]);
    expect(
      reviewOrder(order({ productCode: 'CZM04', description: 'CZM04', quantity: 50, unitPrice: 33 }), inChinese)[0]
        ?.message,
    ).toBe('CZM04 的单价 ¥33.00 与价目表单价 ¥32.00 不一致。');
  });

  it('finds a price below list without an approved quotation a special price, for the GM or deputy GM (R37)', () => {
    expect(
      reviewOrder(order({ productCode: 'CZM04', description: 'CZM04', quantity: 50, unitPrice: 4.5 }), inEnglish),
    ).toEqual([
      {
        code: 'special-price',
        severity: 'approval',
        line: 1,
        message:
          'The unit price $4.50 for CZM04 is 8.16% below the list price $4.90 and no approved quotation gives it: a special price, which the general manager or the deputy GM must approve.',
      },
    ]);
    expect(
      hasBlocking(
        reviewOrder(order({ productCode: 'CZM04', description: 'CZM04', quantity: 50, unitPrice: 30 }), inChinese),
      ),
    ).toBe(false);
  });

  it('lets a price below list stand on an approved quotation at that price or lower (R37)', () => {
    const quoted = (unitPrice: number, quotedPrices: ReviewContext['quotedPrices']) =>
      reviewOrder(order({ productCode: 'CZM04', description: 'CZM04', quantity: 50, unitPrice }), {
        ...inChinese,
        quotedPrices,
      }).map((f) => [f.code, f.message]);
    const quote = { number: 'QT2026120001', productCode: 'CZM04', unitPrice: 28, validUntil: '2027-01-31' };
    expect(quoted(28, [quote])).toEqual([
      ['quoted-price', 'CZM04 的单价 ¥28.00 低于价目表单价 ¥32.00，依报价单 QT2026120001（有效期至 2027-01-31）。'],
    ]);
    expect(quoted(30, [quote]).map(([code]) => code)).toEqual(['quoted-price']);
    expect(quoted(27.5, [quote]).map(([code]) => code)).toEqual(['special-price']);
    expect(quoted(28, [{ ...quote, productCode: 'CZM04-SET' }]).map(([code]) => code)).toEqual(['special-price']);
  });

  it('accepts the list price quoted, compared exactly to the 4th decimal', () => {
    const quoted = (unitPrice: number) =>
      reviewOrder(order({ productCode: 'M5X75', description: 'M5X75', quantity: 500, unitPrice }), inChinese);
    expect(quoted(0.12)).toEqual([]);
    expect(quoted(0.1201).map((f) => f.message)).toEqual(['M5X75 的单价 ¥0.1201 与价目表单价 ¥0.12 不一致。']);
  });

  it('asks about a product without a list price in the customer currency, quoted or not', () => {
    const euro = { ...inEnglish, customer: { ...englishCustomer, currency: 'EUR' as const } };
    const findings = reviewOrder(
      order(
        { productCode: 'CZM04', description: 'CZM04', quantity: 50 },
        { productCode: '503085A', description: 'Lock body', quantity: 50, unitPrice: 3 },
      ),
      euro,
    );
    expect(findings).toEqual([
      { code: 'no-price-in-currency', severity: 'review', line: 1, message: 'CZM04 has no list price in EUR.' },
      { code: 'no-price-in-currency', severity: 'review', line: 2, message: '503085A has no list price in EUR.' },
    ]);
  });
});

describe('an order copied from an earlier one (R2: re-checked line by line)', () => {
  const earlier = [
    { productCode: 'CZM04', description: 'CZM04', quantity: 50, unitPrice: 32 },
    { productCode: '503085A', description: '锁体', quantity: 50 },
    { productCode: 'CZMK08A', description: '锁扣', quantity: 50 },
  ];

  it('reports each added, removed and changed line', () => {
    const copy = order(
      { productCode: 'CZM04', description: 'CZM04', quantity: 60, unitPrice: 31 },
      { productCode: '503085A', description: '锁体', quantity: 50 },
      { productCode: 'SP110', description: '方轴 110', quantity: 50 },
    );
    const findings = reviewOrder(copy, { ...inChinese, copiedFrom: { lines: earlier } }).filter(
      (f) => f.code !== 'special-price',
    );
    expect(findings).toEqual([
      { code: 'differs-from-copied-order', severity: 'review', line: 1, message: 'CZM04 的数量为 60，原订单为 50。' },
      {
        code: 'differs-from-copied-order',
        severity: 'review',
        line: 1,
        message: 'CZM04 的单价为 ¥31.00，原订单为 ¥32.00。',
      },
      { code: 'differs-from-copied-order', severity: 'review', line: 3, message: 'SP110 在所复制的原订单中没有。' },
      {
        code: 'differs-from-copied-order',
        severity: 'review',
        message: '所复制的原订单第 3 行（CZMK08A）不在本订单中。',
      },
    ]);
  });

  it('in English, including a price quoted on one order only', () => {
    const copy = order(
      { productCode: 'CZM04', description: 'CZM04', quantity: 50 },
      { productCode: '503085A', description: 'Lock body', quantity: 50 },
      { productCode: 'CZMK08A', description: 'Strike plate', quantity: 50, unitPrice: 0.5 },
    );
    expect(reviewOrder(copy, { ...inEnglish, copiedFrom: { lines: earlier } }).map((f) => f.message)).toEqual([
      'The unit price of CZM04 is not quoted; it was $32.00 in the copied order.',
      'The unit price of CZMK08A is $0.50; it was not quoted in the copied order.',
    ]);
  });

  it('pairs repeated codes in order and finds an identical copy clean', () => {
    expect(reviewOrder(order(...earlier), { ...inChinese, copiedFrom: { lines: earlier } })).toEqual([]);
    const doubled = [...earlier, { productCode: 'CZM04', description: 'CZM04', quantity: 20, unitPrice: 32 }];
    const findings = reviewOrder(order(...earlier), { ...inEnglish, copiedFrom: { lines: doubled } });
    expect(findings.filter((f) => f.code === 'differs-from-copied-order')).toEqual([
      {
        code: 'differs-from-copied-order',
        severity: 'review',
        message: 'Line 4 (CZM04) of the order this one was copied from is not in this order.',
      },
    ]);
  });
});

describe('delivery address and contact (doc 001)', () => {
  const line = { productCode: 'CZM04', description: 'CZM04', quantity: 50 };

  it('blocks an order without an address when the customer has none on file', () => {
    const context = { ...inEnglish, customer: { ...englishCustomer, addresses: [] } };
    expect(reviewOrder(order(line), context)).toEqual([
      {
        code: 'missing-delivery-address',
        severity: 'blocking',
        message: 'No delivery address: the order gives none and we have none on file.',
      },
    ]);
    expect(reviewOrder({ ...order(line), deliveryAddress: address }, context)).toEqual([]);
  });

  it('uses the address and contact on file when the order gives none', () => {
    expect(reviewOrder(order(line), inChinese)).toEqual([]);
  });

  it('blocks an order without a contact when the customer has none on file (messages then in English)', () => {
    const context = { ...inEnglish, customer: { ...englishCustomer, contacts: [], addresses: [] } };
    expect(reviewOrder(order(line), context).map((f) => [f.code, f.severity, f.message])).toEqual([
      ['missing-delivery-address', 'blocking', 'No delivery address: the order gives none and we have none on file.'],
      ['missing-delivery-contact', 'blocking', 'No delivery contact: the order gives none and we have none on file.'],
    ]);
    expect(reviewOrder({ ...order(line), deliveryAddress: address, deliveryContact: { name: 'Li' } }, context)).toEqual(
      [],
    );
  });

  it('in Chinese', () => {
    const context = { ...inChinese, customer: { ...chineseCustomer, addresses: [] } };
    expect(reviewOrder(order(line), context)[0]?.message).toBe('缺少送货地址：订单未填写，客户资料中也没有。');
  });
});

describe('the review as a whole (R2, R8)', () => {
  const messy = order(
    { productCode: 'CZM04', description: '双面执手（右）', quantity: 20, unitPrice: 30 },
    kitLine(),
    { productCode: 'NOPE1', description: '?', quantity: 1 },
    { productCode: 'CZM04', description: 'CZM04', quantity: 10 },
  );
  // In yuan for both readers: the same prices make the same findings, only the words differ.
  const context = (customer: typeof chineseCustomer) => ({
    customer: { ...customer, currency: 'CNY' as const, addresses: [] },
    products,
    copiedFrom: { lines: [{ productCode: 'CZM04', description: 'CZM04', quantity: 20, unitPrice: 30 }] },
  });

  it('reports by line, then in rule order, the order-level findings last', () => {
    expect(reviewOrder(messy, context(chineseCustomer)).map((f) => [f.line, f.code])).toEqual([
      [1, 'name-mismatch'],
      [1, 'below-minimum-quantity'],
      [1, 'special-price'],
      [2, 'kit-quantity-mismatch'],
      [2, 'differs-from-copied-order'],
      [3, 'unknown-product'],
      [3, 'differs-from-copied-order'],
      [4, 'duplicate-line'],
      [4, 'differs-from-copied-order'],
      [undefined, 'missing-delivery-address'],
    ]);
  });

  it('says the same things in both languages', () => {
    const chinese = reviewOrder(messy, context(chineseCustomer));
    const english = reviewOrder(messy, context(englishCustomer));
    expect(english.map(({ code, line, severity }) => ({ code, line, severity }))).toEqual(
      chinese.map(({ code, line, severity }) => ({ code, line, severity })),
    );
    english.forEach((finding, i) => {
      expect(finding.message).not.toBe(chinese[i]?.message);
    });
  });

  it('gives each code its severity', () => {
    const findings = reviewOrder(messy, context(chineseCustomer));
    for (const finding of findings) expect(finding.severity).toBe(findingSeverity[finding.code]);
    expect(hasBlocking(findings)).toBe(true);
    expect(blockingFindings(findings).map((f) => f.code)).toEqual([
      'below-minimum-quantity',
      'kit-quantity-mismatch',
      'unknown-product',
      'missing-delivery-address',
    ]);
    expect(hasBlocking(findings.filter((f) => f.severity === 'review'))).toBe(false);
  });

  it("speaks the customer's first contact's language", () => {
    expect(customerLanguage(chineseCustomer)).toBe('zh-CN');
    expect(customerLanguage(englishCustomer)).toBe('en');
    expect(customerLanguage({ contacts: [] })).toBe('en');
  });
});

describe('each finding in both languages (the staff see both; the customer is told in its own)', () => {
  const line = { productCode: 'CZM04', description: '双面执手（右）', quantity: 1, unitPrice: 0.5 };
  it('is in the customer’s language, translated into the other, finding for finding', () => {
    const englishInYuan: ReviewContext = {
      customer: { ...chineseCustomer, contacts: englishCustomer.contacts },
      products,
    };
    const toChinese = reviewWithTranslations(order(line), inChinese);
    const toEnglish = reviewWithTranslations(order(line), englishInYuan);
    expect(toChinese.map((f) => f.code)).toEqual(['name-mismatch', 'below-minimum-quantity', 'special-price']);
    expect(toChinese.map((f) => f.translation)).toEqual(toEnglish.map((f) => f.message));
    expect(toEnglish.map((f) => f.translation)).toEqual(toChinese.map((f) => f.message));
    expect(toChinese[2]?.message).toContain('单价');
    expect(toChinese[2]?.translation).toContain('unit price');
  });

  it('is shown to the staff with its weight in words, both languages side by side', () => {
    const [mismatch] = reviewWithTranslations(order(line), inChinese);
    expect(mismatch && findingLine(mismatch)).toBe(
      '请核对 To check: 品名“双面执手（右）”与产品编号 CZM04（双面执手（左） Double-sided handle, left）不符，请确认所订产品。 / "双面执手（右）" does not match product CZM04 (双面执手（左） Double-sided handle, left); please confirm which product you mean.',
    );
  });
});
