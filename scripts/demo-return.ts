/**
 * `npm run demo:return` (with `npm start` running): a monthly customer's order of 20 handle sets is shipped; the
 * customer applies to return 6 it ordered by mistake and 4 scratched ones. The first is the customer's fault: the
 * leader grants an exception and the goods go back to the furnace, which the general manager approves; the second is
 * the company's and is accepted. The customer announces each shipment (the link, the API); the warehouse counts one
 * short; five people sign each; finance issues the return notes and the credits are booked — every actor from their
 * e-mail or the API. Over HTTP only.
 */
import { activeCustomer, call, customerToken, decideFromMail, inDays, mail, step, tokenOf } from './demo/client.ts';
import { finished, orderedAndInProduction, shipped } from './demo/orders.ts';
import { applyForReturn, receivedAndCredited } from './demo/returns.ts';
import { answerHelp } from './help.ts';
import { demoPeople } from './offline/demo-data.ts';

answerHelp(`
npm run demo:return — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR): a monthly customer's order of 20
handle sets ships; the customer applies to return 6 (its own mistake: the leader's exception, remelting approved by
the general manager) and 4 (scratched: the company's fault, accepted); each is announced, received (one short),
signed off by five, and credited with a return note; prints both returns with their credits and the notes e-mailed.
`);

const jinan = await activeCustomer('003');
const sets = 20;
const order = await orderedAndInProduction(jinan, sets, 'JN-RET');
await finished(order);
await shipped(order, jinan, sets);
const asCustomer = await customerToken(jinan);
const contact = jinan.contacts[0];
const staff = await tokenOf('merchandiser');
const apply = (quantity: number, reason: string, note: string) => applyForReturn(order, jinan, quantity, reason, note);

step('R30: the customer applies to return 6 sets it ordered by mistake');
const mistaken = await apply(6, '订错颜色 we ordered the wrong colour', '颜色不符 wrong colour');
step('R31: the merchandiser analyses it: the customer caused it');
await decideFromMail(demoPeople.merchandiser, mistaken.number, {
  outcome: 'approve',
  causedBy: 'customer',
  cause: '客户下单时选错颜色 the customer chose the wrong colour',
  productionFault: 'no',
  handling: 'restock',
});
step('R32: the leader grants an exception — the goods go back to the furnace');
await decideFromMail(demoPeople.salesManager, mistaken.number, {
  outcome: 'approve',
  handling: 'remelt',
  instructions: '老客户特批；该颜色无库存需求，回炉 a long-standing customer; no demand for the colour: remelt',
});
step('R32: remelting needs the general manager');
await decideFromMail(demoPeople.generalManager, mistaken.number, { outcome: 'approve' });
const approved = await mail('return-approved', contact.email, mistaken.number);
console.log(`  ✉ ${approved.to.join(', ')}: "${approved.subject}" with the return number and a link to announce it`);
step('R33: the customer announces the shipment from the link');
const link = approved.links.find((l) => l.includes('/return-links/')) as string;
const form = await (await fetch(link)).text();
console.log(`  opened ${new URL(link).pathname.slice(0, 20)}… (${/<h1>([^<]*)<\/h1>/.exec(form)?.[1]})`);
const announced = await fetch(link, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    carrier: '德邦物流 Deppon',
    waybill: `DBR${Date.now().toString().slice(-8)}`,
    shippedOn: inDays(0),
    'quantity.1': '6',
  }).toString(),
});
console.log(`  posted the shipment → ${announced.status}`);
await receivedAndCredited(mistaken.number, 6);

step('R30: the customer applies to return 4 scratched sets');
const scratched = await apply(4, '表面划伤 the finish is scratched', '执手表面划伤 scratched handles');
step('R31: the merchandiser analyses it: the company caused it (packing)');
await decideFromMail(demoPeople.merchandiser, scratched.number, {
  outcome: 'approve',
  causedBy: 'company',
  cause: '包装缺少隔板，运输中摩擦 no dividers in the box; rubbed in transit',
  productionFault: 'no',
  handling: 'rework',
});
step("R32: the company's fault is accepted: the leader confirms");
await decideFromMail(demoPeople.salesManager, scratched.number, { outcome: 'approve' });
await mail('return-approved', contact.email, scratched.number);
step('R33: the customer announces the shipment through the API');
const sent = await call(
  'POST',
  `/returns/${scratched.id}/shipment`,
  asCustomer,
  { carrier: '顺丰 SF Express', waybill: `SFR${Date.now().toString().slice(-8)}`, shippedOn: inDays(0) },
  { headers: { 'idempotency-key': `demo-return-ship-${scratched.id}` }, expect: 200 },
);
console.log(`  200 ${sent.number}: ${sent.status}, waybill ${sent.shipment.waybill}`);
await receivedAndCredited(scratched.number, 3);
const difference = await mail('return-difference', contact.email, scratched.number);
console.log(`  ✉ ${difference.to.join(', ')}: "${difference.subject}"`);

step('Both returns as the company reads them, and the return notes the customer received');
for (const filed of [mistaken, scratched]) {
  const done = await call('GET', `/returns/${filed.id}`, staff);
  const note = await mail('return-note', contact.email, done.returnNote);
  console.log(
    `  ${done.number}: ${done.status}, caused by the ${done.analysis.causedBy}, ${done.analysis.handling}; ${done.receipt.lines[0].received} received; ${done.returnNote} credits ${done.credit.amount} ${done.currency}\n  ✉ ${note.to.join(', ')}: "${note.subject}" with the PDF`,
  );
}
