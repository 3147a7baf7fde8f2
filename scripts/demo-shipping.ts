/**
 * `npm run demo:shipping` (with `npm start` running): a deposit customer's order is taken through intake and
 * production, the customer asked for the balance and paying it (R9), then every person of F3 acts from the link in
 * their e-mail — the merchandiser's stock-prep form, the sales admin's approval, the warehouse finding the shelf short
 * (the form goes round again), finance issuing the delivery note, the sales admin signing it, the warehouse shipping
 * it — the customer gets the note and the waybill, and signs for the goods from the link (R17–R23). Then a monthly
 * customer's order ships on credit, and one beyond its credit limit waits for the sales manager (F7). Over HTTP only.
 */
import {
  activeCustomer,
  call,
  customerToken,
  decideFromMail,
  inDays,
  type Json,
  mail,
  onDuty,
  printOrder,
  recordPayment,
  step,
  throughIntake,
  tokenOf,
} from './demo/client.ts';
import { answerHelp } from './help.ts';
import { demoPeople } from './offline/demo-data.ts';

answerHelp(`
npm run demo:shipping — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): a deposit customer's order goes
through intake and production; the balance is asked for and paid (R9); the stock-prep form, its approval, picking
(short once, so the form goes round again), the delivery note issued and signed, the shipment, the note and waybill
e-mailed to the customer, tracking and the customer's receipt from the e-mailed link (R17–R23), and the order's
history; then a monthly customer's order ships on credit, and one beyond its limit waits for the sales manager (F7).
`);

const huaxin = await activeCustomer('001');
const jinan = await activeCustomer('003');

/** A customer orders handle sets, and the order goes through intake (F1); a deposit customer's deposit is paid. */
async function orderedAndInProduction(customer: Json, sets: number, po: string) {
  const asCustomer = await customerToken(customer);
  const kit = await call('GET', '/products/CZM04-SET', asCustomer);
  step(`${customer.code} ${customer.name} orders ${sets} handle sets`);
  const order = await call(
    'POST',
    '/orders',
    asCustomer,
    {
      poNumber: `${po}-${Date.now().toString(36).toUpperCase()}`,
      channel: 'platform',
      requestedDate: inDays(45),
      lines: [
        {
          productCode: kit.code,
          description: kit.name,
          quantity: sets,
          components: kit.kit.map((c: { code: string; quantity: number }) => ({
            productCode: c.code,
            quantity: c.quantity * sets,
          })),
        },
      ],
    },
    { headers: { 'idempotency-key': `demo-order-${po}-${Date.now()}` } },
  );
  console.log(`  201 ${order.number}, total ${order.totals.amount} ${order.currency}`);
  await throughIntake(order, inDays(40));
  if (order.totals.depositDue) {
    step('Finance records the deposit (R9): the order goes to production');
    await recordPayment(order, {
      amount: order.totals.depositDue,
      reference: `${order.poNumber}-DEP`,
      receivedOn: inDays(0),
    });
  }
  const released = await mail('order-released', await onDuty('pmc'), order.number);
  console.log(`  ✉ ${released.to.join(', ')}: "${released.subject}"`);
  return order;
}

async function finished(order: Json) {
  step('PMC reports the order finished (POST /orders/{id}/production-finished): its delivery starts shipping');
  const answer = await call('POST', `/orders/${order.id}/production-finished`, await tokenOf('pmc'), { delivery: 1 });
  console.log(`  200 ${answer.number}: ${answer.status}`);
}

/**
 * R17–R22 from the e-mailed links: the stock-prep form, its approval, picking (short once when `short` is given: the
 * form goes round again), the delivery note issued and signed, the shipment; then the customer's e-mail.
 */
async function shipped(order: Json, customer: Json, sets: number, { short }: { short?: number } = {}) {
  const form = { requestedShipDate: inDays(1), vehiclePlan: '德邦物流上门提货 Deppon collects' };
  const boxes = String(Math.ceil(sets / 10));
  step('R17: the merchandiser prepares the stock-prep form from the link');
  await decideFromMail(demoPeople.merchandiser, order.number, { outcome: 'approve', 'lines.1': String(sets), ...form });
  step('R18: the sales admin approves it and its prices');
  await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
  const warehouse = await onDuty('warehouse');
  if (short !== undefined) {
    step(`R19: the warehouse finds ${short} on the shelf — the form goes back to the merchandiser`);
    await decideFromMail(warehouse, order.number, { outcome: 'approve', 'lines.1': String(short), 'boxes.1': boxes });
    step('Round 2: the rest found; the form again (revision 2), approved, and the goods match');
    await decideFromMail(demoPeople.merchandiser, order.number, {
      outcome: 'approve',
      'lines.1': String(sets),
      ...form,
      remarks: '余下的已从 B 区调来 the rest brought from zone B',
    });
    await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
  } else {
    step('R19: the warehouse prepares the goods: model, quantity and boxes as on the form');
  }
  await decideFromMail(warehouse, order.number, { outcome: 'approve', 'lines.1': String(sets), 'boxes.1': boxes });
  step('R20: finance issues the delivery note, the sales admin checks the prices and signs');
  await decideFromMail(await onDuty('finance'), order.number, { outcome: 'approve' });
  await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
  step('R21: the warehouse ships against the note and signs');
  await decideFromMail(warehouse, order.number, {
    outcome: 'approve',
    carrier: '德邦物流 Deppon',
    waybill: `DP${Date.now().toString().slice(-10)}`,
    vehicle: '粤E·12345',
    driver: '张师傅',
    boxes,
    grossWeight: (sets * 1.23).toFixed(1),
    transitDays: '2',
  });
  const sent = await mail('delivery-note', customer.contacts[0].email, order.number);
  console.log(`  ✉ ${sent.to.join(', ')}: "${sent.subject}" with the note's PDF and the link to sign for it (R22)`);
  return sent;
}

// A deposit customer: the balance before the goods (R9), a picking mismatch, signed for from the link; closed.
const sets = 40;
const order = await orderedAndInProduction(huaxin, sets, 'HX-SHIP');
await finished(order);
const balance = await mail('balance-requested', huaxin.contacts[0].email, order.number);
console.log(
  `  ✉ ${balance.to.join(', ')}: "${balance.subject}"\n    ${balance.text.split('\n').slice(0, 3).join('\n    ')}`,
);
step('Finance records the balance: paid in full, the goods may be prepared');
await recordPayment(order, {
  amount: order.totals.amount - order.totals.depositDue,
  reference: `${order.poNumber}-BAL`,
  receivedOn: inDays(0),
  kind: 'balance',
});
const sent = await shipped(order, huaxin, sets, { short: sets - 2 });

step('R23: the carrier reports it in transit; the customer signs for the goods from the link in the e-mail');
await call('POST', `/orders/${order.id}/deliveries/1/tracking`, await tokenOf('warehouse'), { stage: 'in_transit' });
const receiptLink = sent.links.find((l) => l.includes('/receipt-links/')) ?? '';
const form = new URLSearchParams({ condition: 'complete', signedBy: '李伟 Li Wei', signedOn: inDays(0) });
const signed = await fetch(receiptLink, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: form.toString(),
});
console.log(`  opened ${new URL(receiptLink).pathname.slice(0, 24)}…, posted ${form} → ${signed.status}`);
const delivery = await call('GET', `/orders/${order.id}/deliveries/1`, await tokenOf('merchandiser'));
console.log(
  `  delivery 1: ${delivery.status}; the note: GET /delivery-notes/${delivery.deliveryNote} (JSON, or the PDF)`,
);
step('The order, with its full history (R15)');
await printOrder(order.id);

// A monthly customer ships against its credit (F7): no balance asked.
const onCredit = await orderedAndInProduction(jinan, 20, 'JN-SHIP');
await finished(onCredit);
await shipped(onCredit, jinan, 20);
const owed = await call('GET', `/orders/${onCredit.id}`, await tokenOf('merchandiser'));
console.log(`  ${owed.number}: ${owed.status}, shipped on credit (monthly settlement)`);

// Beyond its credit limit the sales manager decides first.
const big = await orderedAndInProduction(jinan, 2400, 'JN-BIG');
await finished(big);
step(
  `F7: ${big.totals.amount} ${big.currency} with what ${jinan.code} owes passes its credit limit of ${jinan.settlement.creditLimit}: the sales manager is asked`,
);
await decideFromMail(demoPeople.salesManager, big.number, {
  outcome: 'approve',
  comment: '老客户，同意 long-standing customer',
});
const asked = await mail(
  'approval-request',
  demoPeople.merchandiser,
  `备货单 Prepare the stock-prep form: ${big.number}`,
);
console.log(`  ✉ ${asked.to.join(', ')}: "${asked.subject}"`);
