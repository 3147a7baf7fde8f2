/**
 * `npm run demo:intake` (with `npm start` running): a deposit customer's order with one kit line goes from
 * POST /orders to in_production, every approver acting from the link in their e-mail and finance recording the
 * deposit's payments — over HTTP only.
 */
import {
  activeCustomer,
  inDays,
  mail,
  onDuty,
  placeKitOrder,
  printOrder,
  recordPayment,
  step,
  throughIntake,
} from './demo/client.ts';
import { answerHelp } from './help.ts';

answerHelp(`
npm run demo:intake — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): a deposit customer's kit order
goes from POST /orders to production, each approver deciding from the link in their e-mail and finance recording the
deposit as two payments (POST /payments); prints every step and the order's history.
`);

const huaxin = await activeCustomer('001');

step("The customer's purchasing system places an order with one kit line (R1)");
const order = await placeKitOrder(huaxin, 50, 'HX-DEMO');
console.log(
  `  201 ${order.number} (PO ${order.poNumber}), total ${order.totals.amount} ${order.currency}, deposit ${order.totals.depositDue} (the customer's view: the review's findings are for the merchandiser)`,
);

await throughIntake(order, inDays(40));
step('The written acknowledgement goes to the customer (R6)');
const ack = await mail('order-acknowledgement', huaxin.contacts[0].email, order.number);
console.log(`  ✉ ${ack.to.join(', ')}: "${ack.subject}"`);
step('Finance records the deposit as it arrives, in two payments (R9); the lead time counts from the second (R8)');
const deposit = order.totals.depositDue;
const firstPart = Math.round(deposit * 40) / 100;
await recordPayment(order, { amount: firstPart, reference: `${order.poNumber}-1`, receivedOn: inDays(-1) });
await recordPayment(order, {
  amount: Math.round((deposit - firstPart) * 100) / 100,
  reference: `${order.poNumber}-2`,
  receivedOn: inDays(0),
});
const released = await mail('order-released', await onDuty('pmc'), order.number);
console.log(`  ✉ ${released.to.join(', ')}: "${released.subject}"`);

step('The order, with its full history (R15)');
await printOrder(order.id);
