/**
 * `npm run demo:cancellation` (with `npm start` running): an order above the sales manager's cancellation limit is
 * taken through intake, its cancellation is asked for, and the general manager approves it from the link in the
 * e-mail (R16) — over HTTP only. The order ends cancelled, its deposit owed back as a credit, its history showing
 * every step.
 */
import {
  activeCustomer,
  call,
  customerToken,
  decideFromMail,
  inDays,
  mail,
  onDuty,
  placeKitOrder,
  printOrder,
  recordPayment,
  step,
  throughIntake,
  tokenOf,
} from './demo/client.ts';
import { answerHelp } from './help.ts';
import { demoPeople, demoSettings } from './offline/demo-data.ts';

answerHelp(`
npm run demo:cancellation — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): an order above the sales
manager's limit goes through intake, its cancellation is asked for and approved by the general manager (R16);
prints the order's history.
`);

const huaxin = await activeCustomer('001');

const sets = 600;
step(`The customer orders ${sets} handle sets: above the sales manager's limit (${demoSettings.CANCELLATION_LIMITS})`);
const asCustomer = await customerToken(huaxin);
const order = await placeKitOrder(huaxin, sets, 'HX-CANCEL');
console.log(
  `  201 ${order.number} (PO ${order.poNumber}), total ${order.totals.amount} ${order.currency}, deposit ${order.totals.depositDue}`,
);

await throughIntake(order, inDays(40));
step('Finance records the deposit received (R9); the order goes to production');
await recordPayment(order, {
  amount: order.totals.depositDue,
  reference: `${order.poNumber}-DEP`,
  receivedOn: inDays(0),
});
const released = await mail('order-released', await onDuty('pmc'), order.number);
console.log(`  ✉ ${released.to.join(', ')}: "${released.subject}"`);

step('The customer asks to cancel it (R16: never unilateral — the request waits for its decision)');
const asked = await call(
  'POST',
  `/orders/${order.id}/cancellation`,
  asCustomer,
  { reason: '项目取消 The building project was called off' },
  { headers: { 'idempotency-key': `demo-cancel-${order.id}` }, expect: 202 },
);
console.log(`  202 ${asked.id}: ${asked.status}`);
const merchandiser = await tokenOf('merchandiser');
for (let i = 0; i < 100; i++) {
  const { authority } = await call('GET', `/orders/${order.id}/cancellation`, merchandiser);
  if (authority) {
    const who = authority.role === 'gm' ? 'the general manager' : "the customer's sales manager";
    const limit = authority.limit === undefined ? 'no limit set' : `limit ${authority.limit} ${order.currency}`;
    console.log(`  decides (by amount, ${limit}): ${who}`);
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}

step('The general manager approves from the e-mailed link, with the one-time code it e-mails him (above the limit)');
await decideFromMail(demoPeople.generalManager, order.number, { outcome: 'approve', comment: 'Agreed' });
const toCustomer = await mail('order-cancelled', huaxin.contacts[0].email, order.number);
console.log(`  ✉ ${toCustomer.to.join(', ')}: "${toCustomer.subject}"`);
const toStaff = await mail('order-cancelled-stop', await onDuty('pmc'), order.number);
console.log(`  ✉ ${toStaff.to.join(', ')}: "${toStaff.subject}"`);

step('The order, with its full history (R15)');
const final = await printOrder(order.id);
console.log(`  credit owed to the customer: ${final.cancellation?.creditOwed ?? 0} ${final.currency}`);
