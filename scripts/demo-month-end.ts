/**
 * `npm run demo:month-end` (with `npm start` running, on fresh data): a month for the two customers settling monthly
 * — deliveries, a return and payments — then the month-end run (R38) as the scheduler runs it on the 1st: both
 * statements e-mailed with their PDF and a sign-back link. Time moves on a week: the customers are reminded. Jinan
 * confirms from the link; Pacific disputes an entry through the API, finance corrects it, the finance leader
 * approves, and Pacific confirms revision 2. Last, a special-price quotation approved by the general manager and an
 * order at that price passing review (R37). Over HTTP only.
 */
import {
  activeCustomer,
  call,
  confirmStatementFromLink,
  customerToken,
  decideFromMail,
  inDays,
  mail,
  monthEnd,
  onDuty,
  runSchedule,
  step,
  tokenOf,
} from './demo/client.ts';
import { finished, orderedAndInProduction, shipped } from './demo/orders.ts';
import { specialPriceQuotedAndOrdered } from './demo/quotations.ts';
import { companyFaultReturn } from './demo/returns.ts';
import { answerHelp } from './help.ts';
import { demoPeople } from './offline/demo-data.ts';

answerHelp(`
npm run demo:month-end — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR, fresh data: npm run reset):
deliveries, a return and payments for customers 003 and 004 (both settling monthly); the month-end run e-mails both
statements; a week on, both are reminded; 003 confirms from the link, 004 disputes an entry, finance corrects it and
004 confirms revision 2; then a special-price quotation approved by the general manager and an order at that price.
`);

const finance = await tokenOf('finance');
const { month, runAt: firstOfNext } = monthEnd();

async function payment(customer: { id: string; currency: string }, amount: number, reference: string) {
  const paid = await call(
    'POST',
    '/payments',
    finance,
    {
      customerId: customer.id,
      kind: 'other',
      amount,
      currency: customer.currency,
      method: 'bank-transfer',
      reference,
      receivedOn: inDays(0),
    },
    { headers: { 'idempotency-key': `demo-month-end-${reference}` }, expect: 201 },
  );
  console.log(`  201 ${paid.id}: ${amount} ${customer.currency} received (${reference})`);
}

const jinan = await activeCustomer('003');
const pacific = await activeCustomer('004');
for (const code of ['003', '004']) {
  const { items } = await call('GET', `/statements?from=${month}-01`, finance);
  if (items.some((s: { id: string }) => s.id === `ST${month.replace('-', '')}-${code}`)) {
    console.error(`This month is stated already for ${code}: run it on fresh data (npm run reset, then npm start).`);
    process.exit(1);
  }
}

step(`The month (${month}) of ${jinan.code} ${jinan.name}: 30 handle sets delivered, 4 returned, a payment`);
const jinanOrder = await orderedAndInProduction(jinan, 30, 'JN-ME');
await finished(jinanOrder);
await shipped(jinanOrder, jinan, 30);
await companyFaultReturn(jinanOrder, jinan, 4);
await payment(jinan, 1000, `JN-ME-${Date.now().toString().slice(-6)}`);

step(`The month of ${pacific.code} ${pacific.name}: 20 handle sets delivered, a payment`);
const pacificOrder = await orderedAndInProduction(pacific, 20, 'PG-ME');
await finished(pacificOrder);
await shipped(pacificOrder, pacific, 20);
await payment(pacific, 100, `PG-ME-${Date.now().toString().slice(-6)}`);

step(
  `R38: the month-end run, as the scheduler starts it on the 1st (npm run schedule -- month-end --at ${firstOfNext})`,
);
await runSchedule('month-end', firstOfNext);
const statements = [];
for (const customer of [jinan, pacific]) {
  const id = `ST${month.replace('-', '')}-${customer.code}`;
  const sent = await mail('statement', customer.contacts[0].email, id);
  const statement = await call('GET', `/statements/${id}`, finance);
  console.log(
    `  ✉ ${sent.to.join(', ')}: "${sent.subject}" with the PDF\n    opening ${statement.opening}, ${statement.lines.length} entries, closing ${statement.closing} ${statement.currency}`,
  );
  statements.push(statement);
}
const summary = await mail('statements-summary', await onDuty('finance'), month);
console.log(`  ✉ ${summary.to.join(', ')}: "${summary.subject}"`);
step('The same run again: nothing new is written or mailed');
await runSchedule('month-end', firstOfNext);

step('A week on (npm run schedule -- statement-follow-up --at <sent + 8 days>): both customers are reminded');
await runSchedule('statement-follow-up', new Date(Date.now() + 8 * 86_400_000).toISOString());
const [jinanStatement, pacificStatement] = statements;
const reminder = await mail('statement-reminder', jinan.contacts[0].email, jinanStatement.id);
console.log(`  ✉ ${reminder.to.join(', ')}: "${reminder.subject}"`);
await mail('statement-reminder', pacific.contacts[0].email, pacificStatement.id);

step(`${jinan.code} confirms its statement from the link in the reminder`);
await confirmStatementFromLink(reminder, jinan.contacts[0].name);

step(`${pacific.code} disputes its delivery note through the API`);
const disputed = pacificStatement.lines.find((l: { kind: string }) => l.kind === 'delivery-note');
await call(
  'POST',
  `/statements/${pacificStatement.id}/sign-back`,
  await customerToken(pacific),
  {
    outcome: 'disputed',
    signedBy: 'Sam Nguyen',
    entries: [disputed.reference],
    comment: 'Two sets arrived damaged; we agreed a credit of USD 25.80',
  },
  { headers: { 'idempotency-key': `demo-dispute-${pacificStatement.id}` }, expect: 200 },
);
console.log(`  200 ${pacificStatement.id}: disputed ${disputed.reference}`);
const told = await mail('statement-disputed', demoPeople.merchandiser, pacificStatement.id);
console.log(`  ✉ ${told.to.join(', ')}: "${told.subject}"`);
step('Finance corrects it (approves the query with the correction); the finance leader approves the correction');
await decideFromMail(await onDuty('finance'), pacificStatement.id, {
  outcome: 'approve',
  direction: 'credit',
  amount: '25.8',
  reason: 'Two damaged sets credited as agreed',
});
const staff = await tokenOf('merchandiser');
const financeEmail = await onDuty('finance');
const financeOnDuty = (await call('GET', '/staff?role=finance', staff)).items.find(
  (p: { email: string }) => p.email === financeEmail,
);
const financeLeader = (await call('GET', `/staff/${encodeURIComponent(financeOnDuty.leader)}`, staff)).email as string;
await decideFromMail(financeLeader, pacificStatement.id, { outcome: 'approve' });
const revised = await mail('statement', pacific.contacts[0].email, pacificStatement.id, (m) =>
  m.subject.includes('revision 2'),
);
console.log(`  ✉ ${revised.to.join(', ')}: "${revised.subject}"`);
step(`${pacific.code} confirms revision 2 from its link`);
await confirmStatementFromLink(revised, 'Sam Nguyen');

step('Both statements as finance reads them');
for (const id of [jinanStatement.id, pacificStatement.id]) {
  const done = await call('GET', `/statements/${id}`, finance);
  const last = done.signatures.at(-1);
  console.log(
    `  ${done.id}: ${done.status}, revision ${done.revision}, due ${done.due} ${done.currency}; signed by ${last.signedBy} (${last.via}) at ${last.at}`,
  );
}

await specialPriceQuotedAndOrdered();
