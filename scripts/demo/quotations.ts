/**
 * R37 for the demos: a special-price quotation for customer 003 approved by the general manager from the link in his
 * e-mail and mailed to the customer as a PDF, then an order at that price which passes review without going to the
 * general manager again — over HTTP only, each step printed.
 */
import { demoCustomers, demoPeople, demoProducts, demoSettings } from '../offline/demo-data.ts';
import { activeCustomer, call, decideFromMail, inDays, type Json, mail, onDuty, step, tokenOf } from './client.ts';

/** Handles (CZM04) at ¥27.00 against ¥32.00 list: 15.63 % below list, beyond the deputy GM's limit. */
const product = 'CZM04';
const specialPrice = 27;

/**
 * Customer 003 (Jinan Aluminium Trading) gets a quotation for handles at a special price beyond the deputy GM's
 * limit: the general manager approves it from his e-mail, and its PDF goes to the customer's contact. Returns the
 * approved quotation.
 */
export async function specialPriceApprovedByGm(): Promise<Json> {
  const customer = await activeCustomer('003');
  const list = demoProducts.find((p) => p.code === product)?.prices.CNY;
  step(
    `R37: the merchandiser asks for a quotation for ${customer.code} ${customer.name}: ${product} at ¥${specialPrice} (list ¥${list}), beyond the deputy GM's ${demoSettings.SPECIAL_PRICE_DEPUTY_LIMIT} % below list`,
  );
  const quotation = await call(
    'POST',
    '/quotations',
    await tokenOf('merchandiser'),
    {
      customerId: customer.id,
      currency: customer.currency,
      validUntil: inDays(30),
      lines: [{ productCode: product, quantity: 500, unitPrice: specialPrice }],
      note: '年度框架价格 Annual frame price',
    },
    { headers: { 'idempotency-key': `demo-quotation-${Date.now()}` }, expect: 201 },
  );
  console.log(`  201 ${quotation.number}: ${quotation.status}, special price: ${quotation.specialPrice}`);
  step('The general manager approves the special price from the link in his e-mail, saying on what basis');
  await decideFromMail(demoPeople.generalManager, quotation.number, { outcome: 'approve', basis: 'volume' });
  const contact = (demoCustomers.find((c) => c.code === '003')?.contacts[0]?.email ?? '') as string;
  const sent = await mail('quotation', contact, quotation.number);
  console.log(`  ✉ ${sent.to.join(', ')}: "${sent.subject}" with the quotation as a PDF`);
  return await call('GET', `/quotations/${quotation.id}`, await tokenOf('merchandiser'));
}

/**
 * An order of customer 003 at the approved quotation's price: the merchandiser accepts it from her e-mail and it goes
 * on to the planner — no special-price step, since the quotation covers the price. Returns the order.
 */
export async function orderAtQuotedPricePassesReview(quotation: Json): Promise<Json> {
  const line = quotation.lines[0];
  step(`The merchandiser enters an order of ${quotation.customerCode} at the quoted price (${quotation.number})`);
  const order = await call(
    'POST',
    '/orders',
    await tokenOf('merchandiser'),
    {
      customerId: quotation.customerId,
      poNumber: `JN-${quotation.number}`,
      channel: 'email',
      requestedDate: inDays(45),
      lines: [
        { productCode: line.productCode, description: line.productName, quantity: 100, unitPrice: line.unitPrice },
      ],
    },
    { headers: { 'idempotency-key': `demo-order-${quotation.number}` }, expect: 201 },
  );
  const findings = order.findings.map((f: { code: string }) => f.code).join(', ');
  console.log(`  201 ${order.number}: findings ${findings} (the price stands on ${quotation.number})`);
  step("Merchandiser's initial review (R2): accepted, and on to planning without the general manager");
  await decideFromMail(demoPeople.merchandiser, order.number, { outcome: 'approve' });
  const planner = await onDuty('planner');
  const asked = await mail('approval-request', planner, order.number);
  console.log(`  ✉ ${planner}: "${asked.subject}" — review passed, no special-price approval asked`);
  return await call('GET', `/orders/${order.id}`, await tokenOf('merchandiser'));
}

/** Both, in turn: what `npm run demo:month-end` ends with. */
export async function specialPriceQuotedAndOrdered() {
  const quotation = await specialPriceApprovedByGm();
  const order = await orderAtQuotedPricePassesReview(quotation);
  return { quotation, order };
}
