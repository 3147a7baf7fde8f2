/**
 * `npm run demo:shipping` (with `npm start` running): a deposit customer's order is taken through intake and
 * production, the customer asked for the balance and paying it (R9), then every person of F3 acts from the link in
 * their e-mail — the merchandiser's stock-prep form, the sales admin's approval, the warehouse finding the shelf short
 * (the form goes round again), finance issuing the delivery note, the sales admin signing it, the warehouse shipping
 * it — the customer gets the note and the waybill, and signs for the goods (R17–R23). Over HTTP only.
 */
import {
  activeCustomer,
  call,
  customerToken,
  decideFromMail,
  inDays,
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
e-mailed to the customer, tracking and the customer's receipt (R17–R23); prints the delivery and the order's history.
`);

const huaxin = await activeCustomer('001');
const asCustomer = await customerToken(huaxin);
const sets = 40;

step(`The customer orders ${sets} handle sets`);
const kit = await call('GET', '/products/CZM04-SET', asCustomer);
const order = await call(
  'POST',
  '/orders',
  asCustomer,
  {
    poNumber: `HX-SHIP-${Date.now().toString(36).toUpperCase()}`,
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
  { headers: { 'idempotency-key': `demo-order-${Date.now()}` } },
);
console.log(
  `  201 ${order.number}, total ${order.totals.amount} ${order.currency}, deposit ${order.totals.depositDue}`,
);
await throughIntake(order, inDays(40));
step('Finance records the deposit (R9): the order goes to production');
await recordPayment(order, {
  amount: order.totals.depositDue,
  reference: `${order.poNumber}-DEP`,
  receivedOn: inDays(0),
});

step('PMC reports the order finished (POST /orders/{id}/production-finished): its delivery starts shipping');
const pmc = await tokenOf('pmc');
const finished = await call('POST', `/orders/${order.id}/production-finished`, pmc, { delivery: 1 });
console.log(`  200 ${finished.number}: ${finished.status}`);
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

step('R17: the merchandiser prepares the stock-prep form from the link');
const form = { requestedShipDate: inDays(1), vehiclePlan: '德邦物流上门提货 Deppon collects' };
await decideFromMail(demoPeople.merchandiser, order.number, { outcome: 'approve', 'lines.1': String(sets), ...form });
step('R18: the sales admin approves it and its prices');
await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
step('R19: the warehouse finds 38 on the shelf — the form goes back to the merchandiser');
const warehouse = await onDuty('warehouse');
await decideFromMail(warehouse, order.number, { outcome: 'approve', 'lines.1': '38', 'boxes.1': '4' });
step('Round 2: two more sets found; the form again (revision 2), approved, and the goods match');
await decideFromMail(demoPeople.merchandiser, order.number, {
  outcome: 'approve',
  'lines.1': String(sets),
  ...form,
  remarks: '余 2 套已从 B 区调来 two sets brought from zone B',
});
await decideFromMail(await onDuty('sales-admin'), order.number, { outcome: 'approve' });
await decideFromMail(warehouse, order.number, { outcome: 'approve', 'lines.1': String(sets), 'boxes.1': '4' });
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
  boxes: '4',
  grossWeight: '49.2',
  transitDays: '2',
});
const sent = await mail('delivery-note', huaxin.contacts[0].email, order.number);
console.log(`  ✉ ${sent.to.join(', ')}: "${sent.subject}" with the note's PDF (R22)`);

step('R23: tracking, then the customer signs for the goods');
const merchandiser = await tokenOf('merchandiser');
const delivery = await call('GET', `/orders/${order.id}/deliveries/1`, merchandiser);
await call('POST', `/orders/${order.id}/deliveries/1/tracking`, await tokenOf('warehouse'), { stage: 'in_transit' });
const signed = await call(
  'POST',
  `/orders/${order.id}/deliveries/1/receipt`,
  asCustomer,
  { condition: 'complete', signedBy: '李伟 Li Wei', signedOn: inDays(0) },
  { headers: { 'idempotency-key': `demo-receipt-${order.id}` } },
);
console.log(`  200 delivery 1: ${signed.status}; delivery note ${delivery.deliveryNote}`);
console.log(`  the note: GET /delivery-notes/${delivery.deliveryNote} (Accept: application/pdf for the PDF)`);

step('The order, with its full history (R15)');
await printOrder(order.id);
