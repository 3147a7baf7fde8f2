/**
 * What the demo scripts share: tokens of the demo users, HTTP calls to a running `npm start`, its mailbox, and
 * approvers deciding from the links in their e-mails — the way a person with a browser (or curl) would.
 */
import { join, resolve } from 'node:path';
import { offlineDataDir } from '../offline/data-dir.ts';
import { demoPeople, demoUsers } from '../offline/demo-data.ts';
import { localIdentityProvider } from '../offline/tokens.ts';

export const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
// Read when first needed: a demo asked for --help touches nothing (the key is created if missing).
let provider: ReturnType<typeof localIdentityProvider> | undefined;
const idp = {
  issue: async (claims: Parameters<Awaited<ReturnType<typeof localIdentityProvider>>['issue']>[0]) => {
    provider ??= localIdentityProvider(
      join(offlineDataDir(resolve(import.meta.dirname, '../..')), 'keys', 'signing-key.json'),
    );
    return (await provider).issue(claims);
  },
};

export const tokenOf = (role: (typeof demoUsers)[number]['role']) => {
  const user = demoUsers.find((u) => u.role === role);
  return idp.issue({ role, email: user?.email ?? '' });
};

/** A user of the customer's own purchasing system: its first contact, acting for that customer only. */
export const customerToken = (customer: { id: string; contacts: { email: string }[] }) =>
  idp.issue({ role: 'customer', email: customer.contacts[0]?.email ?? '', customerId: customer.id });

export const step = (text: string) => console.log(`\n▶ ${text}`);

// biome-ignore lint/suspicious/noExplicitAny: the demos read response bodies loosely, as someone with curl would.
export type Json = any;

/** An API call that must succeed; with `expect`, one that must answer that status (the body is returned). */
export async function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  { headers = {}, expect }: { headers?: Record<string, string>; expect?: number } = {},
): Promise<Json> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (expect ? response.status !== expect : !response.ok) {
    throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  }
  return json;
}

type Mail = { subject: string; to: string[]; template: string; links: string[]; text: string };

/** The newest e-mail matching, waiting for it to arrive (the stream, bus and workflows run in the background). */
export async function mail(
  template: string,
  to: string,
  about: string,
  accept: (mail: Mail) => boolean = () => true,
): Promise<Mail> {
  // Up to 90 s: on a busy machine (the whole test suite beside it) the stream and workflows take their time.
  for (let i = 0; i < 900; i++) {
    const mails = (await (await fetch(`${api}/_local/mail.json`)).json()) as Mail[];
    const found = mails.find(
      (m) => m.template === template && m.to.includes(to) && m.subject.includes(about) && accept(m),
    );
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} e-mail to ${to} about ${about}`);
}

/** The links this demo has decided already. */
const decidedLinks = new Set<string>();

/**
 * What an approver does: open the link from the e-mail (the page), then post the form. A decision that needs a
 * one-time code answers 202 and e-mails the code to the approver, who posts the form again with it.
 */
export async function decideFromMail(to: string, about: string, fields: Record<string, string>) {
  // A step asked again (a form sent back, R19) is a new request about the same order: wait for one not yet decided.
  const linkOf = (m: Mail) => m.links.find((l) => l.includes('/approval-links/')) ?? '';
  const request = await mail('approval-request', to, about, (m) => !decidedLinks.has(linkOf(m)));
  const link = linkOf(request);
  decidedLinks.add(link);
  const page = await (await fetch(link)).text();
  const heading = /<h1>([^<]*)<\/h1>/.exec(page)?.[1];
  const post = (form: Record<string, string>) =>
    fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const posted = await post(fields);
  console.log(
    `  ✉ ${to}: "${request.subject}"\n    opened the page (${heading}), posted ${JSON.stringify(fields)} → ${posted.status}`,
  );
  if (posted.status !== 202) return;
  const code = /Your code: (\d{6})/.exec((await mail('approval-code', to, about)).text)?.[1] ?? '';
  const confirmed = await post({ ...fields, code });
  console.log(`    a one-time code was e-mailed to ${to}; posted again with it → ${confirmed.status}`);
}

/**
 * Whoever is on duty for a role now, as the server resolves it when it asks (the README's tour hands PMC's duty to
 * 马超): the demos follow the staff directory instead of assuming the demo data's first holder.
 */
export async function onDuty(
  role: 'pmc' | 'planner' | 'finance' | 'sales-admin' | 'warehouse' | 'qa',
): Promise<string> {
  const { items } = await call('GET', `/staff?role=${role}`, await tokenOf('merchandiser'));
  // As the server resolves it: the one marked on duty, else the only one holding the role.
  const active = items.filter((p: { active: boolean }) => p.active);
  const person =
    active.find((p: { onDuty: string[] }) => p.onDuty.includes(role)) ?? (active.length === 1 ? active[0] : undefined);
  if (!person) throw new Error(`nobody is on duty for ${role}`);
  return person.email;
}

/** A demo customer by code, its onboarding review passed first if it still waits (R10). */
export async function activeCustomer(code: string) {
  const merchandiser = await tokenOf('merchandiser');
  const customers = await call('GET', '/customers?limit=100', merchandiser);
  const customer = customers.items.find((c: { code: string }) => c.code === code);
  if (!customer) throw new Error(`demo customer ${code} is missing: start the stack with npm start`);
  if (customer.status === 'pending_review') {
    step(`R10: customer ${code} is reviewed before its first order goes to planning`);
    // The review's subject ends with the customer's title; an order's subject has its number there instead.
    const about = `: ${code} ${customer.name}`;
    await decideFromMail(demoPeople.merchandiser, about, { outcome: 'approve', comment: 'Checklist complete' });
    await decideFromMail(demoPeople.salesManager, about, { outcome: 'approve' });
  }
  return customer;
}

/** What the scheduler does at `at` (its nominal time), run now: `npm run schedule -- <name> --at <at>`. */
export async function runSchedule(name: string, at: string) {
  const response = await fetch(`${api}/_local/schedules/${name}?at=${encodeURIComponent(at)}`, { method: 'POST' });
  if (!response.ok) throw new Error(`${name} → ${response.status} ${await response.text()}`);
  console.log(`  ran ${name} as at ${at} (npm run schedule -- ${name} --at ${at})`);
}

/** R38: the customer opens the sign-back link of a statement's e-mail and confirms it; the answer's status. */
export async function confirmStatementFromLink(sent: Mail, signedBy: string) {
  const link = sent.links.find((l) => l.includes('/statement-links/')) ?? '';
  const page = await (await fetch(link)).text();
  console.log(`  opened ${new URL(link).pathname.slice(0, 24)}… (${/<h1>([^<]*)<\/h1>/.exec(page)?.[1]})`);
  const confirmed = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome: 'confirmed', signedBy }).toString(),
  });
  console.log(`  posted → ${confirmed.status}`);
  return confirmed.status;
}

/** This month in Shanghai, and when the month-end run states it (R38): the 1st of the month after, 02:00 there. */
export function monthEnd(now = Date.now()) {
  const month = new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { month, runAt: new Date(Date.UTC(year, m, 1) - 6 * 3_600_000).toISOString() };
}

export const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** F1 from the approvers' e-mails: initial review, planner review, PMC's promised date. */
export async function throughIntake(order: { number: string }, promised: string) {
  step("Merchandiser's initial review (R2)");
  await decideFromMail(demoPeople.merchandiser, order.number, { outcome: 'approve' });
  step('Planner review (R4)');
  await decideFromMail(await onDuty('planner'), order.number, { outcome: 'approve' });
  step('PMC replies the promised date (R5)');
  await decideFromMail(await onDuty('pmc'), order.number, { outcome: 'approve', promisedDate: promised });
}

/**
 * R9: finance records money received against an order (its bank reference: the same receipt is recorded once), and
 * prints what the order has been paid since.
 */
export async function recordPayment(
  order: { id: string; customerId: string; currency: string },
  {
    amount,
    reference,
    receivedOn,
    kind = 'deposit',
  }: { amount: number; reference: string; receivedOn: string; kind?: 'deposit' | 'balance' },
) {
  const finance = await tokenOf('finance');
  const payment = {
    customerId: order.customerId,
    orderId: order.id,
    kind,
    amount,
    currency: order.currency,
    method: 'bank-transfer',
    reference,
    receivedOn,
  };
  const recorded = await call('POST', '/payments', finance, payment, {
    headers: { 'idempotency-key': `demo-payment-${reference}` },
    expect: 201,
  });
  const { paid, status } = await call('GET', `/orders/${order.id}`, finance);
  console.log(
    `  201 ${recorded.id}: ${amount} ${order.currency} received ${receivedOn} (${reference}) → ${paid.paidTotal} paid, order ${status}`,
  );
  return recorded;
}

/** The order and its history (R15), printed. */
export async function printOrder(orderId: string) {
  const order = await call('GET', `/orders/${orderId}`, await tokenOf('merchandiser'));
  console.log(`  ${order.number}: ${order.status}, revision ${order.revision}, promised ${order.promisedDate}`);
  for (const entry of order.history) console.log(`  ${entry.at}  ${entry.actor.padEnd(26)} ${entry.action}`);
  return order;
}

/**
 * The customer's purchasing system orders handle sets (one kit line, R1, with its components as the customer writes
 * them), for delivery in 45 days; `po` prefixes a PO number of its own each run.
 */
export async function placeKitOrder(customer: { id: string; contacts: { email: string }[] }, sets: number, po: string) {
  const asCustomer = await customerToken(customer);
  const kit = await call('GET', '/products/CZM04-SET', asCustomer);
  return await call(
    'POST',
    '/orders',
    asCustomer,
    {
      poNumber: `${po}-${Date.now().toString(36).toUpperCase()}`,
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
    { headers: { 'idempotency-key': `demo-order-${po}-${Date.now()}` } },
  );
}
