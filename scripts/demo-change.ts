/**
 * `npm run demo:change` (with `npm start` running): F2 over HTTP and the mailbox. A monthly-settlement customer's
 * order goes to production; a change to a line not yet produced is assessed by PMC, its contract modification form
 * approved by the planner, and the order becomes revision 2; then production starts a line, and a change to that
 * line is refused in writing.
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
  step,
  throughIntake,
  tokenOf,
} from './demo/client.ts';
import { answerHelp } from './help.ts';
import { demoSettings } from './offline/demo-data.ts';

answerHelp(`
npm run demo:change — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): a monthly customer's order in
production gets a change request (F2): PMC assesses it, the planner approves the contract modification form, the
order becomes revision 2; then a change to a line already started is refused in writing.
`);

const jinan = await activeCustomer('003');
const asCustomer = await customerToken(jinan);
const contact = jinan.contacts[0].email;

step("The customer's order: rods and handles, on monthly settlement (no deposit)");
const order = await call('POST', '/orders', asCustomer, {
  poNumber: `JN-DEMO-${Date.now().toString(36).toUpperCase()}`,
  channel: 'email',
  requestedDate: inDays(45),
  lines: [
    { productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 },
    { productCode: 'CZM04', description: '双面执手（左）', quantity: 100 },
  ],
});
console.log(`  201 ${order.number}, total ${order.totals.amount} ${order.currency}`);
await throughIntake(order, inDays(40));
await mail('order-released', await onDuty('pmc'), order.number);

step('R11: the customer asks for 150 handles instead of 100');
const change = await call(
  'POST',
  `/orders/${order.id}/change-requests`,
  asCustomer,
  { reason: '工程追加 second building', lines: [{ op: 'change', line: 2, quantity: 150 }] },
  { headers: { 'idempotency-key': `demo-change-${order.id}` } },
);
console.log(
  `  201 ${change.id}: total ${change.current.totals.amount} → ${change.proposed.totals.amount}, touches line ${change.touchedLines.join(', ')} (the customer's view: the review findings are the merchandiser's)`,
);
step('R12: PMC says it can still change, with the promised date after the change');
await decideFromMail(await onDuty('pmc'), change.id, { outcome: 'approve', promisedDate: inDays(42) });
step('R14: the planner approves the contract modification form');
await decideFromMail(await onDuty('planner'), change.id, { outcome: 'approve' });
const form = await mail('modification-form', demoSettings.PRODUCTION_EMAIL, order.number);
console.log(`  ✉ ${form.to.join(', ')}: "${form.subject}"\n${form.text.replace(/^/gm, '    ')}`);
const confirmation = await mail('order-changed', contact, order.number);
console.log(`  ✉ ${contact}: "${confirmation.subject}"`);

step('R15: the revisions of the order, as the merchandiser reads them (the customer sees the terms, not who)');
const revisions = await call('GET', `/orders/${order.id}/revisions`, await tokenOf('merchandiser'));
for (const r of revisions.items) {
  console.log(
    `  revision ${r.revision}: ${r.at} by ${r.by}${r.approvedBy ? `, approved by ${r.approvedBy}` : ''}, total ${r.totals.amount}`,
  );
}
const seen = await call('GET', `/orders/${order.id}/revisions`, asCustomer);
console.log(`  the customer reads revisions ${seen.items.map((r: { revision: number }) => r.revision).join(', ')}`);

step('R12: production reports line 1 started; the customer then asks to change line 1');
await call('POST', `/orders/${order.id}/production-starts`, await tokenOf('pmc'), { lines: [1] });
const late = await call('POST', `/orders/${order.id}/change-requests`, asCustomer, {
  reason: 'longer rods',
  lines: [{ op: 'change', line: 1, quantity: 300 }],
});
const refusal = await mail('change-refused', contact, order.number);
console.log(`  ✉ ${contact}: "${refusal.subject}"\n${refusal.text.replace(/^/gm, '    ')}`);
const ended = await call('GET', `/orders/${order.id}/change-requests/${late.id}`, asCustomer);
console.log(`  ${late.id}: ${ended.status} — ${ended.outcome.reason}`);

step('The order, with its full history (R15)');
await printOrder(order.id);
