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
  decideFromMail,
  inDays,
  mail,
  printOrder,
  recordPayment,
  step,
  tokenOf,
} from './demo/client.ts';
import { finished, orderedAndInProduction, receivedFromLink, shipped } from './demo/orders.ts';
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
await receivedFromLink(sent, '李伟 Li Wei');
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
