/**
 * `npm run every-route` (with `npm start` running, after the README's tour and the demos): every route of the API
 * the tour and the demos leave unasked is asked once, as the person whose job it is would ask it, on what they left —
 * their customers, orders, deliveries, returns, quotations, e-mails. Each request must answer 2xx; the first that
 * does not stops the script (exit 1). `npm run contract` runs it last, so that every route's answer is checked against
 * docs/openapi.json and (`npm run bench -- --only round-trips`) every route's DynamoDB round trips are measured.
 */
import { companyTimeZone } from '../shared/domain/company.ts';
import { calendarDateIn } from '../shared/domain/lead-time.ts';
import { isoWeekOf } from '../shared/domain/report-periods.ts';
import {
  activeCustomer,
  api,
  call,
  customerToken,
  decideFromMail,
  inDays,
  type Json,
  mail,
  onDuty,
  placeKitOrder,
  runSchedule,
  step,
  tokenOf,
} from './demo/client.ts';
import { orderedAndInProduction } from './demo/orders.ts';
import { answerHelp } from './help.ts';
import { demoPeople } from './offline/demo-data.ts';

answerHelp(`
npm run every-route — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR), after the README's tour and all
the demos: asks each route they leave unasked once, each as the person whose job it is, on what they left (products,
a customer's terms change, ledger and invoices, approvals through the API, merging and splitting orders, deliveries,
receipts, returns, quotations, reports, the satisfaction survey, the staff directory). Prints each request and its
status; exits 1 at the first that does not answer 2xx.
`);

/** Unique per run: the script may be run again on the same data. */
const run = Date.now().toString(36).toUpperCase();
const today = calendarDateIn(new Date(), companyTimeZone);

/** A page or a file (a public link, a document as PDF) that must answer 2xx: what came back, printed. */
async function open(target: string, { token, accept }: { token?: string; accept?: string } = {}) {
  const response = await fetch(new URL(target, api), {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(accept ? { accept } : {}) },
  });
  const body = await response.arrayBuffer();
  const what = `GET ${new URL(target, api).pathname}`;
  if (!response.ok) throw new Error(`${what} → ${response.status} ${Buffer.from(body).toString().slice(0, 500)}`);
  console.log(
    `  ${what.slice(0, 60)} → ${response.status} ${response.headers.get('content-type')}, ${body.byteLength} bytes`,
  );
  return Buffer.from(body).toString();
}

/** A form posted from a page, as the browser posts it; it must answer 2xx. */
async function post(link: string, form: Record<string, string>) {
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const page = await response.text();
  if (!response.ok) throw new Error(`POST ${new URL(link).pathname} → ${response.status} ${page.slice(0, 500)}`);
  console.log(
    `  POST ${new URL(link).pathname.slice(0, 30)}… → ${response.status} (${/<h1>([^<]*)<\/h1>/.exec(page)?.[1]})`,
  );
}

/** What the tour and the demos must have left: a clear message when they have not run. */
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: run the README's tour and the demos first`);
  return value;
}

const merchandiser = await tokenOf('merchandiser');
const salesAdmin = await tokenOf('sales-admin');
const finance = await tokenOf('finance');
const warehouse = await tokenOf('warehouse');
const gm = await tokenOf('gm');
const leader = await tokenOf('leader');
const admin = await tokenOf('admin');

step('The API answers (GET /health: what a load balancer or a monitor asks)');
console.log(`  ${JSON.stringify(await call('GET', '/health', ''))}`);

step('The product catalogue (R1): listed; the sales admin adds a handle and changes its price with the version read');
const catalogue = await call('GET', '/products?limit=100', merchandiser);
console.log(`  ${catalogue.items.length} products: ${catalogue.items.map((p: Json) => p.code).join(', ')}`);
const code = `CZM09-${run}`;
const product = await call(
  'POST',
  '/products',
  salesAdmin,
  {
    code,
    name: '双面执手（右）Double-sided handle, right',
    spec: '铝合金 aluminium, 银色 silver',
    type: 'P',
    unit: 'pc',
    prices: { CNY: 33, USD: 4.8 },
    minimumOrderQuantity: 50,
  },
  { headers: { 'idempotency-key': `every-route-product-${run}` }, expect: 201 },
);
console.log(`  201 ${product.code}: ${product.prices.CNY} CNY, version ${product.version}`);
const repriced = await call(
  'PATCH',
  `/products/${code}`,
  salesAdmin,
  { prices: { CNY: 32.5, USD: 4.7 } },
  { headers: { 'if-match': `"${product.version}"` } },
);
console.log(`  200 ${repriced.code}: ${repriced.prices.CNY} CNY, version ${repriced.version}`);

step("The tour's customer 104: its terms change, as the merchandiser follows it");
const customers = (await call('GET', '/customers?limit=100', merchandiser)).items as Json[];
const guangzhou = found(
  customers.find((c) => c.code === '104'),
  "The tour's customer 104",
);
const changes = await call('GET', `/customers/${guangzhou.id}/terms-changes`, merchandiser);
const change = found(changes.items[0] as Json, "The tour's terms change");
const termsChange = await call('GET', `/customers/${guangzhou.id}/terms-changes/${change.id}`, merchandiser);
console.log(
  `  ${termsChange.id}: ${termsChange.status} by ${termsChange.decidedBy}, ${JSON.stringify(termsChange.requested)}`,
);

const huaxin = await activeCustomer('001');
const jinan = await activeCustomer('003');

step(`Receivables of ${huaxin.code} (R39, R40): the ledger, a payment, the tour's adjustment, an invoice`);
const ledger = await call('GET', `/customers/${huaxin.id}/ledger`, finance);
console.log(
  `  balance ${ledger.balance}, paid ${ledger.paid}, invoiced ${ledger.invoiced}, ${ledger.entries.length} entries`,
);
const payments = await call('GET', `/customers/${huaxin.id}/payments`, finance);
const payment = await call('GET', `/payments/${found(payments.items[0] as Json, 'A payment of 001').id}`, finance);
console.log(`  ${payment.id}: ${payment.kind} ${payment.amount} ${payment.currency} (${payment.reference})`);
const adjustments = await call('GET', `/customers/${huaxin.id}/adjustments`, finance);
const adjustment = found(adjustments.items[0] as Json, "The tour's adjustment");
const adjusted = await call('GET', `/customers/${huaxin.id}/adjustments/${adjustment.id}`, finance);
console.log(`  ${adjusted.id}: ${adjusted.amount} ${adjusted.currency}, ${adjusted.status} (${adjusted.reason})`);
// R39: an invoice is never more than what was paid and not invoiced yet.
const amount = Math.min(100, Math.round((ledger.paid - ledger.invoiced) * 100) / 100);
const invoice = await call(
  'POST',
  `/customers/${huaxin.id}/invoices`,
  finance,
  { number: `FP-${run}`, issuedOn: today, amount, taxAmount: Math.round((amount * 13) / 1.13) / 100 },
  { headers: { 'idempotency-key': `every-route-invoice-${run}` }, expect: 201 },
);
console.log(`  201 ${invoice.number}: ${invoice.amount} ${invoice.currency}`);
const invoices = await call('GET', `/customers/${huaxin.id}/invoices`, finance);
console.log(`  ${invoices.items.length} invoice(s): ${invoices.items.map((i: Json) => i.number).join(', ')}`);

step(`R2 through the API: ${jinan.code} orders; the merchandiser reviews it in her own tool, not from the e-mail`);
const first = await placeKitOrder(jinan, 10, 'JN-MERGE');
await mail('approval-request', demoPeople.merchandiser, first.number);
const asked = await call('GET', `/approvals?subject=order:${first.id}`, merchandiser);
const pending = found(asked.items.find((a: Json) => a.status === 'pending') as Json, `The review of ${first.number}`);
const approval = await call('GET', `/approvals/${pending.id}`, merchandiser);
console.log(`  ${approval.id}: ${approval.ask ?? approval.step}, asked of ${approval.assignee}`);
const decided = await call('POST', `/approvals/${approval.id}/decision`, merchandiser, {
  outcome: 'approve',
  comment: '已核对 checked',
});
console.log(`  200 ${decided.id}: ${decided.status}`);
await decideFromMail(await onDuty('planner'), first.number, { outcome: 'approve' });
await decideFromMail(await onDuty('pmc'), first.number, { outcome: 'approve', promisedDate: inDays(40) });
await mail('order-released', await onDuty('pmc'), first.number);

step('R24: a second order of the same customer merged into the first, then split into two deliveries');
const second = await orderedAndInProduction(jinan, 12, 'JN-MERGE');
const [survivor, absorbed] = [
  await call('GET', `/orders/${first.id}`, merchandiser),
  await call('GET', `/orders/${second.id}`, merchandiser),
];
const merged = await call(
  'POST',
  `/orders/${survivor.id}/merge`,
  merchandiser,
  { orderId: absorbed.id, otherVersion: absorbed.version },
  { headers: { 'if-match': `"${survivor.version}"`, 'idempotency-key': `every-route-merge-${run}` } },
);
console.log(`  200 ${merged.number}: ${merged.lines.length} lines, revision ${merged.revision}`);
const split = await call(
  'PUT',
  `/orders/${merged.id}/deliveries`,
  merchandiser,
  {
    deliveries: merged.lines.map((line: Json, i: number) => ({
      requestedDate: inDays(45 + 7 * i),
      lines: [{ line: line.line, quantity: line.quantity }],
    })),
  },
  { headers: { 'if-match': `"${merged.version}"` } },
);
console.log(`  200 ${split.number}: ${split.deliveries.length} deliveries`);

step("R11: the change requests of the change demo's order");
const jinanOrders = (await call('GET', `/orders?customer=${jinan.id}&limit=100`, merchandiser)).items as Json[];
const changed = found(
  jinanOrders.find((o) => o.poNumber.startsWith('JN-DEMO-')),
  "The change demo's order",
);
const changeRequests = await call('GET', `/orders/${changed.id}/change-requests`, merchandiser);
for (const c of changeRequests.items) console.log(`  ${c.id}: ${c.status}, lines ${c.touchedLines.join(', ')}`);

step('F3: the deliveries shipped and not signed for yet; one signed for by its customer (R23)');
const shippedDeliveries = await call('GET', '/deliveries?status=shipped', warehouse);
const delivery = found(shippedDeliveries.items[0] as Json, 'A shipped delivery');
console.log(`  ${shippedDeliveries.items.length} shipped; ${delivery.orderNumber} delivery ${delivery.delivery}`);
const form = await call(
  'GET',
  `/orders/${delivery.orderId}/deliveries/${delivery.delivery}/stock-prep-form`,
  salesAdmin,
);
console.log(`  its stock-prep form: revision ${form.revision}, ${form.lines.length} line(s)`);
const customer = await call('GET', `/customers/${delivery.customerId}`, merchandiser);
const noteMail = await mail('delivery-note', customer.contacts[0].email, delivery.orderNumber);
step(`${customer.code} opens the link in the delivery note's e-mail, then signs for the goods in its own system`);
await open(
  found(
    noteMail.links.find((l: string) => l.includes('/receipt-links/')),
    'The receipt link',
  ),
);
const signed = await call(
  'POST',
  `/orders/${delivery.orderId}/deliveries/${delivery.delivery}/receipt`,
  await customerToken(customer),
  { condition: 'complete', signedBy: customer.contacts[0].name, signedOn: today },
  { headers: { 'idempotency-key': `every-route-receipt-${delivery.orderId}-${delivery.delivery}` } },
);
console.log(`  200 delivery ${signed.delivery}: ${signed.status}`);

step('F4, F5: complaints and returns as the merchandiser lists them; a return note as finance reads it (R36)');
const complaints = await call('GET', '/complaints', merchandiser);
console.log(`  ${complaints.items.length} complaint(s): ${complaints.items.map((c: Json) => c.status).join(', ')}`);
const returns = (await call('GET', '/returns', merchandiser)).items as Json[];
console.log(`  ${returns.length} return(s): ${returns.map((r: Json) => `${r.number} ${r.status}`).join(', ')}`);
const credited = found(
  returns.find((r) => r.returnNote),
  'A credited return',
);
await open(`/return-notes/${credited.returnNote}`, { token: finance, accept: 'application/pdf' });

step(`R33: goods come back from ${jinan.code} without an application: the warehouse records them, held; refused (R30)`);
const arrival = await call(
  'POST',
  '/return-arrivals',
  warehouse,
  {
    customerId: jinan.id,
    carrier: '德邦物流 Deppon',
    waybill: `DBX${run}`,
    lines: [{ productCode: 'CZM04', name: '双面执手（左）', quantity: 3 }],
    note: '无退货单号 no return number on the boxes',
  },
  { headers: { 'idempotency-key': `every-route-arrival-${run}` }, expect: 201 },
);
console.log(`  201 ${arrival.id}: ${arrival.status}`);
const arrivals = await call('GET', '/return-arrivals', warehouse);
console.log(`  ${arrivals.items.length} held arrival(s)`);
const settled = await call(
  'POST',
  `/return-arrivals/${arrival.id}/settlement`,
  merchandiser,
  { outcome: 'sent-back', note: '德邦到付退回 back by Deppon, freight collect (R30)' },
  { headers: { 'idempotency-key': `every-route-arrival-settled-${run}` } },
);
console.log(`  200 ${settled.id}: ${settled.status}, the warehouse asked to send them back`);

step("R37: the quotations; the month-end demo's as the PDF the customer received");
const quotations = (await call('GET', '/quotations', merchandiser)).items as Json[];
console.log(`  ${quotations.map((q) => `${q.number} ${q.status}`).join(', ')}`);
const quoted = found(
  quotations.find((q) => q.status === 'approved'),
  'An approved quotation',
);
await open(`/quotations/${quoted.id}/document`, { token: merchandiser, accept: 'application/pdf' });

step("R41: today's daily report and this week's weekly report, as JSON");
const week = isoWeekOf(today);
const daily = await call('GET', `/reports/daily?date=${today}`, gm);
console.log(`  GET /reports/daily?date=${today} → orders ${JSON.stringify(daily.figures.orders)}`);
const weekly = await call('GET', `/reports/weekly?week=${week}`, gm);
console.log(`  GET /reports/weekly?week=${week} → orders ${JSON.stringify(weekly.figures.orders)}`);

step(`R43: the yearly satisfaction survey, sent now; ${huaxin.contacts[0].name} answers from the link`);
await runSchedule('satisfaction-survey', new Date().toISOString());
const year = today.slice(0, 4);
const invitation = await mail('satisfaction-survey', huaxin.contacts[0].email, year);
const surveyLink = found(
  invitation.links.find((l: string) => l.includes('/survey-links/')),
  'The survey link',
);
await open(surveyLink);
await post(surveyLink, {
  'overall.price': '4',
  'overall.delivery': '5',
  'overall.use': '5',
  'service.response': '5',
  'service.efficiency': '4',
  'service.effectiveness': '5',
  'quality.quality': '5',
  'quality.safety': '5',
  'overall.suggestions': '交期再快一点 faster delivery, please',
});
const survey = await call('GET', `/surveys?year=${year}`, leader);
for (const c of survey.customers) console.log(`  ${c.customerCode}: ${c.answers} answer(s), average ${c.average}`);

step('The administrator adds a merchandiser to the staff directory, reporting to 徐明 Xu Ming');
const xuMing = (await call('GET', `/staff?email=${demoPeople.salesManager}`, admin)).items[0];
const added = await call(
  'POST',
  '/staff',
  admin,
  {
    name: '杨柳 Yang Liu',
    email: `yang.liu.${run.toLowerCase()}@factory.example`,
    language: 'zh-CN',
    roles: ['merchandiser'],
    department: 'sales',
    leader: xuMing.id,
  },
  { headers: { 'idempotency-key': `every-route-staff-${run}` }, expect: 201 },
);
console.log(`  201 ${added.id}: ${added.name} <${added.email}>, leader ${added.leader}`);
