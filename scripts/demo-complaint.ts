/**
 * `npm run demo:complaint` (with `npm start` running): a monthly customer's order is shipped, then the customer
 * registers a short-shipment complaint with the weight it received (R25, R28); the merchandiser writes the report,
 * the leader signs it, QA analyses the cause and the merchandiser replies with a replacement (R26, R27) — every
 * actor from the link in their e-mail, the customer through the API. Over HTTP only.
 */
import { activeCustomer, call, customerToken, decideFromMail, mail, onDuty, step, tokenOf } from './demo/client.ts';
import { finished, orderedAndInProduction, shipped } from './demo/orders.ts';
import { answerHelp } from './help.ts';
import { demoPeople } from './offline/demo-data.ts';

answerHelp(`
npm run demo:complaint — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): a monthly customer's order of
10 handle sets ships; the customer registers a short shipment with the weight received (R25, R28) and is
acknowledged with the complaint's number; the merchandiser's report, the leader's signature, QA's analysis and the
written reply with a replacement follow from their e-mails (R26, R27); prints the complaint as registered and
answered.
`);

const jinan = await activeCustomer('003');
const sets = 10;
const order = await orderedAndInProduction(jinan, sets, 'JN-CMP');
await finished(order);
await shipped(order, jinan, sets);
const delivery = await call('GET', `/orders/${order.id}/deliveries/1`, await tokenOf('merchandiser'));
const shippedWeight = delivery.shipment.grossWeight as number;

step(`R25, R28: the customer registers a short shipment: 2 sets missing, ${shippedWeight - 2.4} kg received`);
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
    receivedWeight: Math.round((shippedWeight - 2.4) * 1000) / 1000,
  },
  { headers: { 'idempotency-key': `demo-complaint-${order.id}` }, expect: 201 },
);
console.log(
  `  201 ${complaint.number}: ${complaint.status}, weight ${complaint.weight.received} of ${complaint.weight.shipped} kg (difference ${complaint.weight.difference}), reply due ${complaint.dueOn}`,
);
const acknowledged = await mail('complaint-acknowledged', jinan.contacts[0].email, complaint.number);
console.log(`  ✉ ${acknowledged.to.join(', ')}: "${acknowledged.subject}"`);

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

step('The complaint as the customer reads it');
const answered = await call('GET', `/complaints/${complaint.id}`, asCustomer);
console.log(`  ${answered.number}: ${answered.status}, ${answered.reply.resolution}: ${answered.reply.text}`);
