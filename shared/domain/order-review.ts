import type { Currency, Language } from '../schemas/common.ts';
import type { Customer } from '../schemas/customer.ts';
import { Finding, type NewOrder, type NewOrderLine } from '../schemas/order.ts';
import type { Product } from '../schemas/product.ts';
import { formatUnitPrice, samePrice } from './order-amounts.ts';
import { coveringQuote, discountPercent, type QuotedPrice } from './special-price.ts';

/**
 * R2 and R8: the initial review of a new order. Every rule runs at once, so the merchandiser (and the customer,
 * in a rejection) sees every problem together. Pure: the products and the copied order are looked up before.
 */
export type FindingCode = Finding['code'];

export type ReviewedProduct = Pick<Product, 'code' | 'name' | 'prices' | 'minimumOrderQuantity' | 'kit' | 'active'>;

export type ReviewContext = {
  customer: Pick<Customer, 'contacts' | 'addresses' | 'currency'>;
  /** The order's products by code; a code missing here is an unknown product. */
  products: ReadonlyMap<string, ReviewedProduct>;
  /** R2: the earlier order this one was copied from. */
  copiedFrom?: { lines: readonly NewOrderLine[] };
  /**
   * R37: the prices of the customer's approved quotations that hold on the order's day (`quotedPricesOn`): a line
   * below its list price stands on one of them, or is a special price to approve.
   */
  quotedPrices?: readonly QuotedPrice[];
};

/** Blocking findings reject the order; the others need a reviewer's eye. */
export const findingSeverity: Record<FindingCode, Finding['severity']> = {
  'unknown-product': 'blocking',
  'inactive-product': 'blocking',
  'name-mismatch': 'review',
  'kit-quantity-mismatch': 'blocking',
  'kit-component-missing': 'review',
  'kit-component-unexpected': 'blocking',
  'below-minimum-quantity': 'blocking',
  'price-differs': 'review',
  'special-price': 'approval',
  'quoted-price': 'review',
  'no-price-in-currency': 'review',
  'duplicate-line': 'review',
  'differs-from-copied-order': 'review',
  'missing-delivery-address': 'blocking',
  'missing-delivery-contact': 'blocking',
};

const en = {
  unknownProduct: (code: string) => `Product ${code} is not in our catalogue.`,
  inactiveProduct: (code: string, name: string) => `Product ${code} (${name}) is no longer supplied.`,
  nameMismatch: (written: string, code: string, name: string) =>
    `"${written}" does not match product ${code} (${name}); please confirm which product you mean.`,
  kitQuantity: (written: number, component: string, expected: number, quantity: number, kit: string) =>
    `${written} × ${component} written, ${expected} expected for ${quantity} × ${kit}.`,
  kitMissing: (component: string, expected: number, quantity: number, kit: string) =>
    `${component} is missing: ${expected} expected for ${quantity} × ${kit}.`,
  kitUnexpected: (written: number, component: string, kit: string) =>
    `${written} × ${component} written, but ${component} is not part of kit ${kit}.`,
  notAKit: (written: number, component: string, code: string) =>
    `${written} × ${component} written as a component, but ${code} is not a kit.`,
  belowMinimum: (ordered: number, code: string, minimum: number, lines: number) =>
    `${ordered} × ${code} ordered${lines > 1 ? ` (${lines} lines together)` : ''}; the minimum order quantity is ${minimum}.`,
  priceDiffers: (code: string, quoted: string, list: string) =>
    `The unit price ${quoted} for ${code} differs from the list price ${list}.`,
  specialPrice: (code: string, quoted: string, list: string, discount: number) =>
    `The unit price ${quoted} for ${code} is ${discount}% below the list price ${list} and no approved quotation gives it: a special price, which the general manager or the deputy GM must approve.`,
  quotedPrice: (code: string, quoted: string, list: string, quotation: string, until: string) =>
    `The unit price ${quoted} for ${code} is below the list price ${list}, as quotation ${quotation} gives it (valid until ${until}).`,
  noPrice: (code: string, currency: string) => `${code} has no list price in ${currency}.`,
  duplicateLine: (code: string, first: number) =>
    `${code} is already ordered on line ${first}; is this line a duplicate?`,
  copiedAdded: (code: string) => `${code} is not in the order this one was copied from.`,
  copiedRemoved: (line: number, code: string) =>
    `Line ${line} (${code}) of the order this one was copied from is not in this order.`,
  copiedQuantity: (code: string, before: number, now: number) =>
    `The quantity of ${code} is ${now}; it was ${before} in the copied order.`,
  copiedPrice: (code: string, before: string, now: string) =>
    `The unit price of ${code} is ${now}; it was ${before} in the copied order.`,
  noQuotedPrice: 'not quoted',
  missingAddress: 'No delivery address: the order gives none and we have none on file.',
  missingContact: 'No delivery contact: the order gives none and we have none on file.',
};

const zh: typeof en = {
  unknownProduct: (code) => `产品编号 ${code} 不存在。`,
  inactiveProduct: (code, name) => `产品 ${code}（${name}）已停止供应。`,
  nameMismatch: (written, code, name) => `品名“${written}”与产品编号 ${code}（${name}）不符，请确认所订产品。`,
  kitQuantity: (written, component, expected, quantity, kit) =>
    `${component} 写了 ${written} 个，${quantity} × ${kit} 应配 ${expected} 个。`,
  kitMissing: (component, expected, quantity, kit) =>
    `缺少配件 ${component}：${quantity} × ${kit} 应配 ${expected} 个。`,
  kitUnexpected: (written, component, kit) =>
    `写了 ${written} × ${component}，但 ${component} 不是套装 ${kit} 的配件。`,
  notAKit: (written, component, code) => `写了配件 ${written} × ${component}，但 ${code} 不是套装。`,
  belowMinimum: (ordered, code, minimum, lines) =>
    `${code} 订购 ${ordered}${lines > 1 ? `（${lines} 行合计）` : ''}，低于最小起订量 ${minimum}。`,
  priceDiffers: (code, quoted, list) => `${code} 的单价 ${quoted} 与价目表单价 ${list} 不一致。`,
  specialPrice: (code, quoted, list, discount) =>
    `${code} 的单价 ${quoted} 低于价目表单价 ${list}（低 ${discount}%），且无已批准的报价单：属特价，须总经理或副总经理批准。`,
  quotedPrice: (code, quoted, list, quotation, until) =>
    `${code} 的单价 ${quoted} 低于价目表单价 ${list}，依报价单 ${quotation}（有效期至 ${until}）。`,
  noPrice: (code, currency) => `${code} 没有 ${currency} 价目表单价。`,
  duplicateLine: (code, first) => `${code} 已在第 ${first} 行订购，本行是否重复？`,
  copiedAdded: (code) => `${code} 在所复制的原订单中没有。`,
  copiedRemoved: (line, code) => `所复制的原订单第 ${line} 行（${code}）不在本订单中。`,
  copiedQuantity: (code, before, now) => `${code} 的数量为 ${now}，原订单为 ${before}。`,
  copiedPrice: (code, before, now) => `${code} 的单价为 ${now}，原订单为 ${before}。`,
  noQuotedPrice: '未报价',
  missingAddress: '缺少送货地址：订单未填写，客户资料中也没有。',
  missingContact: '缺少收货联系人：订单未填写，客户资料中也没有。',
};

const messages: Record<Language, typeof en> = { en, 'zh-CN': zh };

/** Messages go to the customer in the language of its first contact. */
export function customerLanguage(customer: Pick<Customer, 'contacts'>): Language {
  return customer.contacts[0]?.language ?? 'en';
}

export function hasBlocking(findings: readonly Finding[]) {
  return findings.some((finding) => finding.severity === 'blocking');
}

export function blockingFindings(findings: readonly Finding[]) {
  return findings.filter((finding) => finding.severity === 'blocking');
}

function finding(code: FindingCode, message: string, line?: number): Finding {
  return { code, severity: findingSeverity[code], ...(line === undefined ? {} : { line }), message };
}

// R2: product code vs name. ---------------------------------------------------------------------------------

/** Full-width → half-width (NFKC), case-folded, '×' read as 'x' (M5×75 = M5X75). */
function folded(text: string) {
  return text.normalize('NFKC').toLowerCase().replaceAll('×', 'x');
}

/** Letters and digits only: spacing, punctuation and brackets never decide whether a name matches. */
export function comparable(text: string) {
  return folded(text).replace(/[^\p{L}\p{N}]/gu, '');
}

const han = /\p{Script=Han}/u;
const latin = /\p{Script=Latin}/u;

/**
 * A product name's language parts: '双面执手（左） Double-sided handle, left' → ['双面执手', '左'],
 * ['Double-sided', 'handle,', 'left']. Brackets separate words; words are grouped in runs of Chinese and of
 * Latin-script words; a word with neither (the 110 of '110 方轴') joins the run after it, or the last run at the end.
 */
export function nameParts(name: string): string[][] {
  const parts: { script: 'han' | 'latin'; words: string[] }[] = [];
  let pending: string[] = [];
  const words = name
    .normalize('NFKC')
    .replace(/[()[\]{}【】〔〕「」]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  for (const word of words) {
    const script = han.test(word) ? 'han' : latin.test(word) ? 'latin' : undefined;
    if (script === undefined) {
      pending.push(word);
      continue;
    }
    const last = parts.at(-1);
    if (last?.script === script) last.words.push(...pending, word);
    else parts.push({ script, words: [...pending, word] });
    pending = [];
  }
  const last = parts.at(-1);
  if (last) last.words.push(...pending);
  else if (pending.length) parts.push({ script: 'latin', words: pending });
  return parts.map((part) => part.words);
}

function writesCode(description: string, code: string) {
  const text = description.normalize('NFKC').toUpperCase().replaceAll('×', 'X');
  // The code as a whole part number: 'CZM04-SET' does not write CZM04.
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Z0-9-])${escaped}(?![A-Z0-9-])`).test(text);
}

/**
 * R2: whether the customer's description plausibly names the product: it writes the product's code, or every word
 * of the Chinese part or of the English part of its name, in any order, ignoring case, spacing, punctuation and
 * full-width forms. '双面执手（右）' does not name '双面执手（左）': the words that tell products apart must be there.
 */
export function describesProduct(description: string, product: Pick<Product, 'code' | 'name'>) {
  if (writesCode(description, product.code)) return true;
  const written = comparable(description);
  return nameParts(product.name).some((words) => {
    const needed = words.map(comparable).filter(Boolean);
    return needed.length > 0 && needed.every((word) => written.includes(word));
  });
}

// R2: kits. ------------------------------------------------------------------------------------------------

function writtenComponents(line: NewOrderLine) {
  const quantities = new Map<string, number>();
  for (const { productCode, quantity } of line.components ?? []) {
    quantities.set(productCode, (quantities.get(productCode) ?? 0) + quantity);
  }
  return quantities;
}

/** R2: the components the customer wrote on a kit line against the kit's bill of materials × the line's quantity. */
function kitFindings(line: NewOrderLine, product: ReviewedProduct, at: number, say: typeof en) {
  const written = writtenComponents(line);
  if (written.size === 0) return [];
  if (!product.kit) {
    return [...written].map(([code, quantity]) =>
      finding('kit-component-unexpected', say.notAKit(quantity, code, product.code), at),
    );
  }
  const bom = new Map(product.kit.map((component) => [component.code, component.quantity]));
  const findings: Finding[] = [];
  for (const [code, perKit] of bom) {
    const expected = perKit * line.quantity;
    const quantity = written.get(code);
    if (quantity === undefined) {
      findings.push(finding('kit-component-missing', say.kitMissing(code, expected, line.quantity, product.code), at));
    } else if (quantity !== expected) {
      const message = say.kitQuantity(quantity, code, expected, line.quantity, product.code);
      findings.push(finding('kit-quantity-mismatch', message, at));
    }
  }
  for (const [code, quantity] of written) {
    if (!bom.has(code))
      findings.push(finding('kit-component-unexpected', say.kitUnexpected(quantity, code, product.code), at));
  }
  return findings;
}

// The rules. -----------------------------------------------------------------------------------------------

type Rules = {
  say: typeof en;
  language: Language;
  currency: Currency;
  /** The line number shown for the n-th line (a changed order keeps its lines' numbers, gaps and all). */
  numberOf: (position: number) => number;
  quotedPrices: readonly QuotedPrice[];
};

function lineFindings(line: NewOrderLine, at: number, product: ReviewedProduct | undefined, rules: Rules) {
  const { say, language, currency, quotedPrices } = rules;
  if (!product) return [finding('unknown-product', say.unknownProduct(line.productCode), at)];
  const findings: Finding[] = [];
  if (!product.active) findings.push(finding('inactive-product', say.inactiveProduct(product.code, product.name), at));
  if (!describesProduct(line.description, product)) {
    findings.push(finding('name-mismatch', say.nameMismatch(line.description, product.code, product.name), at));
  }
  findings.push(...kitFindings(line, product, at, say));
  const listPrice = product.prices[currency];
  if (listPrice === undefined) {
    findings.push(finding('no-price-in-currency', say.noPrice(product.code, currency), at));
  } else if (line.unitPrice !== undefined && !samePrice(line.unitPrice, listPrice)) {
    const price = (value: number) => formatUnitPrice(value, currency, language);
    const [quoted, list] = [price(line.unitPrice), price(listPrice)];
    const discount = discountPercent(line.unitPrice, listPrice);
    const quote = discount === undefined ? undefined : coveringQuote(product.code, line.unitPrice, quotedPrices);
    if (discount === undefined)
      findings.push(finding('price-differs', say.priceDiffers(product.code, quoted, list), at));
    else if (quote) {
      const message = say.quotedPrice(product.code, quoted, list, quote.number, quote.validUntil);
      findings.push(finding('quoted-price', message, at));
    } else findings.push(finding('special-price', say.specialPrice(product.code, quoted, list, discount), at));
  }
  return findings;
}

/** The 1-based line numbers of each product code, in order. */
function linesByCode(lines: readonly NewOrderLine[]) {
  const byCode = new Map<string, number[]>();
  lines.forEach((line, i) => {
    byCode.set(line.productCode, [...(byCode.get(line.productCode) ?? []), i + 1]);
  });
  return byCode;
}

/** R8 (doc 003 §3.4): the minimum order quantity applies per part number and order, over all its lines. */
function minimumQuantityFindings(lines: readonly NewOrderLine[], context: ReviewContext, rules: Rules) {
  return [...linesByCode(lines)].flatMap(([code, at]) => {
    const product = context.products.get(code);
    const ordered = at.reduce((sum, n) => sum + (lines[n - 1]?.quantity ?? 0), 0);
    if (!product || ordered >= product.minimumOrderQuantity) return [];
    return [
      finding(
        'below-minimum-quantity',
        rules.say.belowMinimum(ordered, code, product.minimumOrderQuantity, at.length),
        rules.numberOf(at[0] ?? 1),
      ),
    ];
  });
}

/** R2: a product ordered on several lines is reported on every line after its first. */
function duplicateFindings(lines: readonly NewOrderLine[], { say, numberOf }: Rules) {
  return [...linesByCode(lines)].flatMap(([code, [first, ...later]]) =>
    later.map((at) => finding('duplicate-line', say.duplicateLine(code, numberOf(first ?? at)), numberOf(at))),
  );
}

/**
 * R2: an order copied from an earlier one is compared with it line by line. Lines are paired by product code,
 * the n-th line of a code with the n-th line of that code in the copied order; each unpaired line is added or
 * removed, each pair may differ in quantity and in quoted price.
 */
function copiedOrderFindings(lines: readonly NewOrderLine[], copied: readonly NewOrderLine[], rules: Rules) {
  const { say, language, currency } = rules;
  const price = (value: number | undefined) =>
    value === undefined ? say.noQuotedPrice : formatUnitPrice(value, currency, language);
  const unpaired = linesByCode(copied);
  const findings = lines.flatMap((line, i) => {
    const at = rules.numberOf(i + 1);
    const pairedWith = unpaired.get(line.productCode)?.shift();
    const before = pairedWith === undefined ? undefined : copied[pairedWith - 1];
    if (!before) return [finding('differs-from-copied-order', say.copiedAdded(line.productCode), at)];
    const differences: Finding[] = [];
    if (before.quantity !== line.quantity) {
      const message = say.copiedQuantity(line.productCode, before.quantity, line.quantity);
      differences.push(finding('differs-from-copied-order', message, at));
    }
    const samePrices =
      before.unitPrice === undefined || line.unitPrice === undefined
        ? before.unitPrice === line.unitPrice
        : samePrice(before.unitPrice, line.unitPrice);
    if (!samePrices) {
      const message = say.copiedPrice(line.productCode, price(before.unitPrice), price(line.unitPrice));
      differences.push(finding('differs-from-copied-order', message, at));
    }
    return differences;
  });
  const removed = [...unpaired.values()].flat().sort((a, b) => a - b);
  return [
    ...findings,
    ...removed.map((n) => finding('differs-from-copied-order', say.copiedRemoved(n, copied[n - 1]?.productCode ?? ''))),
  ];
}

/** Doc 001: the delivery address and contact, from the order or else from the customer's file. */
function deliveryFindings(order: NewOrder, customer: ReviewContext['customer'], say: typeof en) {
  const findings: Finding[] = [];
  if (!order.deliveryAddress && customer.addresses.length === 0) {
    findings.push(finding('missing-delivery-address', say.missingAddress));
  }
  if (!order.deliveryContact && customer.contacts.length === 0) {
    findings.push(finding('missing-delivery-contact', say.missingContact));
  }
  return findings;
}

const ruleOrder = Finding.shape.code.options;

/** Line findings by line, then the order's own findings; within each, in the order of the rules. */
function inReadingOrder(findings: Finding[]) {
  const rank = (f: Finding) => [f.line ?? Number.POSITIVE_INFINITY, ruleOrder.indexOf(f.code)] as const;
  return findings.sort((a, b) => {
    const [lineA, ruleA] = rank(a);
    const [lineB, ruleB] = rank(b);
    return lineA === lineB ? ruleA - ruleB : lineA - lineB;
  });
}

type ReviewedOrder = Omit<NewOrder, 'lines'> & { lines: (NewOrderLine & { line?: number })[] };

function reviewIn(language: Language, order: ReviewedOrder, context: ReviewContext): Finding[] {
  const numberOf = (position: number) => order.lines[position - 1]?.line ?? position;
  const rules: Rules = {
    say: messages[language],
    language,
    currency: context.customer.currency,
    numberOf,
    quotedPrices: context.quotedPrices ?? [],
  };
  return inReadingOrder([
    ...order.lines.flatMap((line, i) =>
      lineFindings(line, numberOf(i + 1), context.products.get(line.productCode), rules),
    ),
    ...minimumQuantityFindings(order.lines, context, rules),
    ...duplicateFindings(order.lines, rules),
    ...(context.copiedFrom ? copiedOrderFindings(order.lines, context.copiedFrom.lines, rules) : []),
    ...deliveryFindings(order, context.customer, rules.say),
  ]);
}

/**
 * R2, R8: the initial review of a new order, in reading order: each finding in the customer's language (what the
 * customer is told), with its translation (the staff's pages show both: `findingText`).
 */
export function reviewOrder(order: ReviewedOrder, context: ReviewContext): Finding[] {
  const language = customerLanguage(context.customer);
  const other: Language = language === 'en' ? 'zh-CN' : 'en';
  const translations = reviewIn(other, order, context);
  // The same rules over the same order: the same findings in the same order, only the words differ.
  return reviewIn(language, order, context).map((finding, i) => ({
    ...finding,
    translation: translations[i]?.message ?? finding.message,
  }));
}

/** A finding's weight in the staff's words. */
const findingLabel: Record<Finding['severity'], string> = {
  blocking: '须与客户更正 To correct with the customer',
  review: '请核对 To check',
  approval: '须总经理或副总经理批准 For the GM or deputy GM to approve',
};

/** A finding as the staff's pages show it: its weight, then its message in both languages. */
export function findingText(finding: Finding) {
  const words = finding.translation ? `${finding.message} / ${finding.translation}` : finding.message;
  return { label: findingLabel[finding.severity], text: words };
}

/** The same, in one line beside the line it is about. */
export function findingLine(finding: Finding) {
  const { label, text } = findingText(finding);
  return `${label}: ${text}`;
}
