/**
 * `npm run demo:intake` (with `npm start` running): a deposit customer's order with one kit line goes from
 * POST /orders to in_production, every approver acting from the link in their e-mail — over HTTP only.
 */
import { join, resolve } from 'node:path';
import { demoSettings, demoUsers } from './offline/demo-data.ts';
import { localIdentityProvider } from './offline/tokens.ts';

const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const idp = await localIdentityProvider(join(resolve(import.meta.dirname, '..'), '.local', 'keys', 'signing-key.json'));
const tokenOf = (role: (typeof demoUsers)[number]['role'], customerId?: string) => {
  const user = demoUsers.find((u) => u.role === role);
  return idp.issue({ role, email: user?.email ?? '', customerId });
};
const step = (text: string) => console.log(`\n▶ ${text}`);

// biome-ignore lint/suspicious/noExplicitAny: the demo reads response bodies loosely, as someone with curl would.
type Json = any;

async function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Json> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

type Mail = { subject: string; to: string[]; template: string; links: string[]; text: string };

/** The newest e-mail matching, waiting for it to arrive (the stream, bus and workflow run in the background). */
async function mail(template: string, to: string, about: string): Promise<Mail> {
  for (let i = 0; i < 100; i++) {
    const mails = (await (await fetch(`${api}/_local/mail.json`)).json()) as Mail[];
    const found = mails.find((m) => m.template === template && m.to.includes(to) && m.subject.includes(about));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} e-mail to ${to} about ${about}`);
}

/** What an approver does: open the link from the e-mail (the page), then post the form. */
async function decideFromMail(to: string, about: string, fields: Record<string, string>) {
  const request = await mail('approval-request', to, about);
  const link = request.links.find((l) => l.includes('/approval-links/')) ?? '';
  const page = await (await fetch(link)).text();
  const heading = /<h1>([^<]*)<\/h1>/.exec(page)?.[1];
  const posted = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  console.log(
    `  ✉ ${to}: "${request.subject}"\n    opened the page (${heading}), posted ${JSON.stringify(fields)} → ${posted.status}`,
  );
}

const merchandiser = await tokenOf('merchandiser');
const customers = await call('GET', '/customers?limit=100', merchandiser);
const huaxin = customers.items.find((c: { code: string }) => c.code === '001');
if (!huaxin) throw new Error('demo customer 001 is missing: start the stack with npm start');

if (huaxin.status === 'pending_review') {
  step('R10: customer 001 is reviewed before its first order goes to planning');
  await decideFromMail(demoUsers[1]?.email ?? '', '001', { outcome: 'approve', comment: 'Checklist complete' });
  await decideFromMail(huaxin.salesManagerEmail, '001', { outcome: 'approve' });
}

step("The customer's purchasing system places an order with one kit line (R1)");
const customerToken = await tokenOf('customer', huaxin.id);
const kit = await call('GET', '/products/CZM04-SET', customerToken);
const order = await call(
  'POST',
  '/orders',
  customerToken,
  {
    poNumber: `HX-DEMO-${Date.now().toString(36).toUpperCase()}`,
    channel: 'platform',
    requestedDate: new Date(Date.now() + 45 * 86400_000).toISOString().slice(0, 10),
    lines: [
      {
        productCode: kit.code,
        description: kit.name,
        quantity: 50,
        components: kit.kit.map((c: { code: string; quantity: number }) => ({
          productCode: c.code,
          quantity: c.quantity * 50,
        })),
      },
    ],
  },
  { 'idempotency-key': `demo-${Date.now()}` },
);
console.log(
  `  201 ${order.number} (PO ${order.poNumber}), total ${order.totals.amount} ${order.currency}, deposit ${order.totals.depositDue}, findings: ${order.findings.length}`,
);

step("Merchandiser's initial review (R2)");
await decideFromMail(huaxin.merchandiserEmail, order.number, {
  outcome: 'approve',
  comment: 'Kit quantities match the BOM',
});
step('Planner review (R4)');
await decideFromMail(demoSettings.PLANNING_EMAIL, order.number, { outcome: 'approve' });
step('PMC replies the promised date (R5)');
const promised = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
await decideFromMail(demoSettings.PMC_EMAIL, order.number, { outcome: 'approve', value: promised });
step('The written acknowledgement goes to the customer (R6)');
const ack = await mail('order-acknowledgement', huaxin.contacts[0].email, order.number);
console.log(`  ✉ ${ack.to.join(', ')}: "${ack.subject}"`);
step('Finance confirms the deposit (R9); the lead time counts from it (R8)');
await decideFromMail(demoSettings.FINANCE_EMAIL, order.number, {
  outcome: 'approve',
  value: new Date().toISOString().slice(0, 10),
});
const released = await mail('order-released', demoSettings.PMC_EMAIL, order.number);
console.log(`  ✉ ${released.to.join(', ')}: "${released.subject}"`);

step('The order, with its full history (R15)');
const final = await call('GET', `/orders/${order.id}`, merchandiser);
console.log(`  ${final.number}: ${final.status}, promised ${final.promisedDate}`);
for (const entry of final.history) console.log(`  ${entry.at}  ${entry.actor.padEnd(26)} ${entry.action}`);
