import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { demoCustomers, demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { CustomerCancellationRequest } from '../../shared/schemas/cancellation.ts';
import { CustomerChangeRequest, CustomerOrderRevision } from '../../shared/schemas/change-request.ts';
import { CustomerPayment } from '../../shared/schemas/payment.ts';
import { decideFromMail, passOnboarding, intakeApprovers as people, takeThroughIntake } from './approvals.ts';
import { testStack } from './stack.ts';

/**
 * What a customer's user reads of its order's change requests, revisions and cancellation request: the customer's
 * view (docs/architecture.md, "What a customer sees"), with nothing of the company's own — while staff, reading
 * the same, see the findings, the forms' people and who decided.
 */

const customerEmail = 'finance@jinan-alu.example';

/** The documented customer schemas, strictly: docs/openapi.json's components forbid properties they do not list. */
const document = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/openapi.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...document, $id: 'https://contract.local/openapi.json' });
function expectDocumented(component: string, body: unknown) {
  const validate = ajv.getSchema(`https://contract.local/openapi.json#/components/schemas/${component}`);
  if (!validate) throw new Error(`no component ${component} in docs/openapi.json`);
  expect(validate(body) ? [] : validate.errors).toEqual([]);
}

/** The zod whitelist strips what it does not list at every depth: an answer equal to its parse has nothing more. */
const expectExactly = (schema: { parse: (value: unknown) => unknown }, body: unknown) =>
  expect(schema.parse(body)).toEqual(body);

describe("a customer's view of its order's changes, revisions and cancellation", async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[2] as (typeof demoCustomers)[number]);
  const asCustomer = { role: 'customer' as const, email: customerEmail, customerId: customerIds['003'] as string };
  const asMerchandiser = { role: 'merchandiser' as const, email: people.merchandiser };

  it('shows the customer its change requests, revisions and cancellation request without anything internal', async () => {
    // A monthly-settlement order taken through intake to production.
    const placed = await call('POST', '/orders', {
      as: asCustomer,
      body: {
        poNumber: 'JN-VIEW-1',
        channel: 'email',
        requestedDate: '2027-03-01',
        lines: [
          { productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 },
          { productCode: 'CZM04', description: '双面执手（左）', quantity: 100 },
        ],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    const { id, number } = placed.body;
    await takeThroughIntake(stack, number, { promisedDate: '2027-03-01' });

    // One change applied (PMC assessed it, the planner approved the form): revision 2.
    const asked = await call('POST', `/orders/${id}/change-requests`, {
      as: asCustomer,
      body: { reason: 'more handles', lines: [{ op: 'change', line: 2, quantity: 150 }] },
    });
    expect(asked.status).toBe(201);
    expectExactly(CustomerChangeRequest, asked.body);
    expectDocumented('CustomerChangeRequest', asked.body);
    await stack.settle();
    await decideFromMail(stack, people.pmc, asked.body.id, { outcome: 'approve', promisedDate: '2027-03-10' });
    await decideFromMail(stack, people.planning, asked.body.id, { outcome: 'approve' });
    // One refused by PMC in writing (R13).
    const refusedChange = await call('POST', `/orders/${id}/change-requests`, {
      as: asCustomer,
      body: { reason: 'drop the rods', lines: [{ op: 'remove', line: 1 }] },
    });
    expect(refusedChange.status).toBe(201);
    await stack.settle();
    await decideFromMail(stack, people.pmc, refusedChange.body.id, { outcome: 'reject', comment: '连杆已备料' });
    // A cancellation the sales manager refuses in writing (R16).
    const cancellation = await call('POST', `/orders/${id}/cancellation`, {
      as: asCustomer,
      body: { reason: 'project postponed' },
    });
    expect(cancellation.status).toBe(202);
    expectExactly(CustomerCancellationRequest, cancellation.body);
    expectDocumented('CustomerCancellationRequest', cancellation.body);
    await stack.settle();
    await decideFromMail(stack, demoPeople.salesManager, number, {
      outcome: 'reject',
      comment: 'Material already cut',
    });

    // Staff read who asked, assessed, approved and decided, and the authority the amount needed.
    const staffChange = (await call('GET', `/orders/${id}/change-requests/${asked.body.id}`, { as: asMerchandiser }))
      .body;
    expect(staffChange).toMatchObject({
      status: 'applied',
      findings: [],
      requestedBy: customerEmail,
      form: { assessedBy: people.pmc },
      outcome: { by: people.planning },
    });
    const staffCancellation = (await call('GET', `/orders/${id}/cancellation`, { as: asMerchandiser })).body;
    expect(staffCancellation).toMatchObject({
      status: 'refused',
      decidedBy: demoPeople.salesManager,
      authority: { role: 'leader' },
    });
    const staffRevisions = (await call('GET', `/orders/${id}/revisions`, { as: asMerchandiser })).body;
    expect(staffRevisions.items[1]).toMatchObject({ revision: 2, approvedBy: people.planning });

    // The customer reads the same, in its view.
    const list = await call('GET', `/orders/${id}/change-requests`, { as: asCustomer });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { status: string }) => c.status)).toEqual(['applied', 'refused']);
    expectDocumented('CustomerChangeRequestList', list.body);
    for (const item of list.body.items) expectExactly(CustomerChangeRequest, item);

    const one = await call('GET', `/orders/${id}/change-requests/${asked.body.id}`, { as: asCustomer });
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toBe(`"${staffChange.version}"`);
    expectDocumented('CustomerChangeRequest', one.body);
    expectExactly(CustomerChangeRequest, one.body);
    expect(one.body).toMatchObject({
      status: 'applied',
      reason: 'more handles',
      touchedLines: [2],
      proposed: { totals: { amount: 8500 } },
      form: { fromRevision: 1, toRevision: 2, after: { promisedDate: '2027-03-10' } },
      outcome: { reason: 'approved', revision: 2 },
    });
    const refused = list.body.items[1];
    expect(refused).toMatchObject({ status: 'refused', outcome: { reason: '连杆已备料' } });

    const revisions = await call('GET', `/orders/${id}/revisions`, { as: asCustomer });
    expect(revisions.status).toBe(200);
    expectDocumented('CustomerOrderRevisionList', revisions.body);
    for (const item of revisions.body.items) expectExactly(CustomerOrderRevision, item);
    expect(revisions.body.items.map((r: { revision: number; reason?: string }) => [r.revision, r.reason])).toEqual([
      [1, 'placed'],
      [2, 'more handles'],
    ]);

    const cancellationView = await call('GET', `/orders/${id}/cancellation`, { as: asCustomer });
    expect(cancellationView.status).toBe(200);
    expectDocumented('CustomerCancellationRequest', cancellationView.body);
    expectExactly(CustomerCancellationRequest, cancellationView.body);
    expect(cancellationView.body).toMatchObject({ status: 'refused', decisionReason: 'Material already cut' });

    // The order and what is asked of it are read together: another customer's order is as unknown as none at all,
    // and what it holds is never shown.
    const asOther = { ...asCustomer, email: 'buyer@other.example', customerId: customerIds['001'] as string };
    const unknown = 'ord_01J00000000000000000000000';
    for (const path of ['change-requests', 'revisions', 'cancellation']) {
      const other = await call('GET', `/orders/${id}/${path}`, { as: asOther });
      expect([other.status, other.body.detail]).toEqual([404, `Order ${id} does not exist.`]);
      const none = await call('GET', `/orders/${unknown}/${path}`, { as: asMerchandiser });
      expect([none.status, none.body.detail]).toEqual([404, `Order ${unknown} does not exist.`]);
    }

    // A payment finance recorded against the order (R9): the customer reads what it paid, not who recorded it.
    const paid = await call('POST', '/payments', {
      as: { role: 'finance', email: demoPeople.financeOnDuty },
      body: {
        customerId: customerIds['003'],
        orderId: id,
        kind: 'balance',
        amount: 1000,
        currency: 'CNY',
        method: 'bank-transfer',
        reference: 'JN-VIEW-1-PART',
        receivedOn: '2026-11-30',
        notes: 'paid early, see 王静',
      },
    });
    expect(paid.status).toBe(201);
    const payment = await call('GET', `/payments/${paid.body.id}`, { as: asCustomer });
    expectDocumented('CustomerPayment', payment.body);
    expectExactly(CustomerPayment, payment.body);
    const payments = await call('GET', `/customers/${customerIds['003']}/payments`, { as: asCustomer });
    expectDocumented('CustomerPaymentPage', payments.body);
    expect(payments.body.items).toEqual([payment.body]);
    const order = await call('GET', `/orders/${id}`, { as: asCustomer });
    expectDocumented('CustomerOrderDetail', order.body);
    expect(order.body.paid).toMatchObject({ paidTotal: 1000 });

    for (const body of [
      asked.body,
      cancellation.body,
      list.body,
      one.body,
      revisions.body,
      cancellationView.body,
      payment.body,
      payments.body,
    ]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain('@factory.example');
      expect(text).not.toMatch(
        /findings|listPrice|authority|requestedBy|assessedBy|approvedBy|decidedBy|recordedBy|notes|"by"/,
      );
    }
  });
});
