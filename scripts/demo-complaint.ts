/**
 * `npm run demo:complaint` (with `npm start` running): a monthly customer's order is shipped, then the customer
 * registers a short-shipment complaint and is asked for the weight it received, which it gives (R25, R28); the
 * merchandiser writes the report, the leader signs it, QA analyses the cause and the merchandiser replies with a
 * replacement (R26, R27), which ships through F3 as the order's next delivery, not charged, and is signed for — every
 * actor from the link in their e-mail, the customer through the API. Over HTTP only.
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
  step,
  tokenOf,
} from './demo/client.ts';
import { finished, orderedAndInProduction, shipped } from './demo/orders.ts';
import { answerHelp } from './help.ts';
import { demoPeople } from './offline/demo-data.ts';

answerHelp(`
npm run demo:complaint — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): a monthly customer's order of
10 handle sets ships; the customer registers a short shipment, is acknowledged with the complaint's number and asked
for the weight received, and gives it (R25, R28); the merchandiser's report, the leader's signature, QA's analysis and
the written reply with a replacement follow from their e-mails (R26, R27); the replacement ships as the order's next
delivery through shipping, not charged, and the customer signs for it (F3); prints each step.
`);

const jinan = await activeCustomer('003');
const sets = 10;
const order = await orderedAndInProduction(jinan, sets, 'JN-CMP');
await finished(order);
await shipped(order, jinan, sets);
const delivery = await call('GET', `/orders/${order.id}/deliveries/1`, await tokenOf('merchandiser'));
const shippedWeight = delivery.shipment.grossWeight as number;

step('R25: the customer registers a short shipment: 2 sets missing');
const asCustomer = await customerToken(jinan);
const complaint = await call(
  'POST',
  '/complaints',
  asCustomer,
  {
    orderId: order.id,
    delivery: 1,
    kind: 'short_shipment',
    lines: [{ line: 1, quantity: 2, note: '少两套 two sets missing' }],
    description: '收货少 2 套 two sets short on arrival',
    demand: 'replacement',
    contact: { name: jinan.contacts[0].name, email: jinan.contacts[0].email },
  },
  { headers: { 'idempotency-key': `demo-complaint-${order.id}` }, expect: 201 },
);
console.log(`  201 ${complaint.number}: ${complaint.status}, reply due ${complaint.dueOn}`);
const acknowledged = await mail('complaint-acknowledged', jinan.contacts[0].email, complaint.number);
console.log(`  ✉ ${acknowledged.to.join(', ')}: "${acknowledged.subject}"`);
const askedForWeight = acknowledged.text.split('\n').find((line) => /weight|重量/.test(line));
console.log(`    ${askedForWeight}`);

const received = Math.round((shippedWeight - 2.4) * 1000) / 1000;
step(`R28: the customer gives the weight it received, ${received} kg: the complaint goes on to its report`);
const weighed = await call('POST', `/complaints/${complaint.id}/weight`, asCustomer, { receivedWeight: received });
console.log(
  `  200 ${weighed.number}: ${weighed.status}, ${weighed.weight.received} of ${weighed.weight.shipped} kg shipped (difference ${weighed.weight.difference})`,
);

step('R25: the merchandiser writes the complaint report from the link');
await decideFromMail(demoPeople.merchandiser, complaint.number, {
  outcome: 'approve',
  description: '第 1 行少 2 套；客户称重少 2.4 kg two sets short on line 1; 2.4 kg less on the customer’s scale',
  evidence: '客户称重单、装箱单 the customer’s weighing slip and our packing list',
  customerDemand: 'replacement',
});
step("R26: the leader (the merchandiser's) signs it");
await decideFromMail(demoPeople.salesManager, complaint.number, { outcome: 'approve' });
step('R26: QA analyses the cause: containment, corrective and preventive actions');
await decideFromMail(await onDuty('qa'), complaint.number, {
  outcome: 'approve',
  rootCause: '装箱时漏装一箱 one box was left behind at packing',
  causedBy: 'company',
  containment: '补发 2 套 ship the two sets',
  corrective: '装车前复核箱数 boxes counted again before loading',
  preventive: '每箱扫码出库 every box scanned out',
});
step('R27: the merchandiser replies in writing: a replacement shipment');
await decideFromMail(demoPeople.merchandiser, complaint.number, {
  outcome: 'approve',
  resolution: 'replacement',
  reply: '缺少的 2 套将于明日补发，给您带来不便深表歉意。The two missing sets ship tomorrow; we apologise.',
});
const reply = await mail('complaint-answered', jinan.contacts[0].email, complaint.number);
console.log(`  ✉ ${reply.to.join(', ')}: "${reply.subject}"`);

step('The complaint as the customer reads it: the reply, and the replacement delivery (R27)');
const answered = await call('GET', `/complaints/${complaint.id}`, asCustomer);
console.log(`  ${answered.number}: ${answered.status}, ${answered.reply.resolution}: ${answered.reply.text}`);
const n = answered.replacement.delivery as number;
const replacement = await call('GET', `/orders/${order.id}/deliveries/${n}`, await tokenOf('merchandiser'));
console.log(
  `  delivery ${n} of ${order.number}: ${replacement.status}, ${replacement.lines.map((l: Json) => `${l.productCode} × ${l.quantity}`).join(', ')}, replacing ${replacement.replacementFor.complaintNumber}`,
);

step(
  `R27, F3: the replacement ships like any delivery — not charged, no credit check — every person from their e-mail`,
);
const sent = await shipped(order, jinan, 2);
const receiptLink = sent.links.find((l) => l.includes('/receipt-links/')) ?? '';
const form = new URLSearchParams({ condition: 'complete', signedBy: jinan.contacts[0].name, signedOn: inDays(0) });
const signed = await fetch(receiptLink, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: form.toString(),
});
console.log(`  R23: the customer signs for it from the link in the e-mail → ${signed.status}`);
const delivered = await call('GET', `/orders/${order.id}/deliveries/${n}`, await tokenOf('merchandiser'));
const note = await call('GET', `/delivery-notes/${delivered.deliveryNote}`, await tokenOf('merchandiser'));
console.log(
  `  delivery ${n}: ${delivered.status}; note ${note.number}: ${note.document.totals.amount} ${note.document.currency} — ${note.document.remarks}`,
);
const after = await call('GET', `/orders/${order.id}`, await tokenOf('merchandiser'));
console.log(
  `  ${after.number}: ${after.status}, line 1 shipped ${after.lines[0].shipped} of ${after.lines[0].quantity} — the replacement is not counted again`,
);
