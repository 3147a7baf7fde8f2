import { describe, expect, it } from 'vitest';
import { demoPeople, demoProducts } from '../../scripts/offline/demo-data.ts';
import { approvalRequests, latestMail, postDecision, postDecisionWithCode, requestMail } from './approvals.ts';
import { type Caller, testStack } from './stack.ts';

/** Whom a call is made as. */
type As = NonNullable<Parameters<Caller>[2]>['as'];

/**
 * A customer's settlement terms, credit limit and account owner change only once its sales manager approves (the
 * account owner's leader, from the e-mailed link); until then the old values apply.
 */
const merchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
const salesManager = { role: 'leader' as const, email: demoPeople.salesManager };
const deposit30 = { type: 'deposit', depositPercent: 30 };
const monthly = (creditLimit: number) => ({ type: 'monthly', creditLimit });

describe("a customer's terms change (the sales manager approves; until then the old values apply)", async () => {
  const stack = await testStack();
  const { call } = stack;
  // Every test stack is to load the demo company's staff directory; loading it again changes nothing.
  const rod = demoProducts.find((p) => p.code === 'CHJ01B-800');
  expect((await call('POST', '/products', { as: salesManager, body: rod })).status).toBe(201);

  let codes = 500;
  /** A new customer of 王芳 Wang Fang (her leader 徐明 Xu Ming is its sales manager), on 30 % deposit. */
  const open = async () => {
    const created = await call('POST', '/customers', {
      as: merchandiser,
      body: {
        code: String(++codes),
        name: 'Guangzhou Door Systems',
        contacts: [{ name: 'Chen Hong', email: 'chen.hong@gz-doors.example', language: 'zh-CN' }],
        region: 'CN',
        currency: 'CNY',
        settlement: deposit30,
        accountOwner: 'wang.fang@factory.example',
      },
    });
    expect(created.status).toBe(201);
    await stack.settle();
    return created.body as { id: string; code: string; accountOwner: string; version: number };
  };
  const read = async (id: string) => (await call('GET', `/customers/${id}`, { as: merchandiser })).body;
  const ask = async (id: string, body: unknown, as: As = merchandiser, headers?: Record<string, string>) => {
    const response = await call('POST', `/customers/${id}/terms-changes`, { as, body, headers });
    await stack.settle();
    return response;
  };
  const change = async (customerId: string, changeId: string) =>
    (await call('GET', `/customers/${customerId}/terms-changes/${changeId}`, { as: merchandiser })).body;
  /** 200 connecting rods at ¥18.50: ¥3,700.00, entered by the merchandiser. */
  const placeOrder = async (customerId: string, po: string) => {
    const placed = await call('POST', '/orders', {
      as: merchandiser,
      body: {
        customerId,
        poNumber: po,
        channel: 'email',
        requestedDate: '2027-03-01',
        lines: [{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200 }],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    return placed.body as { totals: { amount: number; depositDue: number } };
  };
  const decide = async (to: string, changeId: string, fields: Record<string, string>) => {
    const decided = await postDecision(requestMail(stack, to, changeId).link, fields);
    await stack.settle();
    return decided.status;
  };

  it('applies a new settlement and credit limit once the sales manager approves from the e-mailed link', async () => {
    const customer = await open();
    const asked = await ask(customer.id, {
      settlement: monthly(80000),
      reason: '合作三年，付款及时 Three years of prompt payment',
    });
    expect(asked.status).toBe(202);
    expect(asked.headers.get('location')).toBe(`/customers/${customer.id}/terms-changes/${asked.body.id}`);
    expect(asked.body).toMatchObject({
      id: expect.stringMatching(/^tch_[0-9A-Z]{26}$/),
      customerId: customer.id,
      status: 'pending',
      requested: { settlement: monthly(80000) },
      before: { settlement: deposit30 },
      requestedBy: merchandiser.email,
      version: 1,
    });

    // Until the approval the old terms apply: the customer reads as before, and a new order asks the 30 % deposit.
    expect(await read(customer.id)).toMatchObject({ settlement: deposit30, version: customer.version });
    expect((await placeOrder(customer.id, 'GZ-TC-1')).totals).toMatchObject({ amount: 3700, depositDue: 1110 });

    // The sales manager — the account owner's leader — is asked; the requester is not.
    const request = requestMail(stack, demoPeople.salesManager, asked.body.id);
    expect(request.text).toContain('80000 CNY');
    expect(request.text).toContain('订金 deposit 30%');
    expect(approvalRequests(stack, merchandiser.email, asked.body.id)).toEqual([]);
    expect(await decide(demoPeople.salesManager, asked.body.id, { outcome: 'approve', comment: 'Agreed' })).toBe(200);

    expect(await read(customer.id)).toMatchObject({ settlement: monthly(80000), version: customer.version + 1 });
    expect(await change(customer.id, asked.body.id)).toMatchObject({
      status: 'approved',
      decidedBy: demoPeople.salesManager,
      version: 2,
    });
    expect((await placeOrder(customer.id, 'GZ-TC-2')).totals).toMatchObject({ amount: 3700, depositDue: 0 });

    const told = latestMail(stack, 'terms-change-approved', merchandiser.email);
    expect(told.to).toEqual([merchandiser.email, demoPeople.salesManager]);
    expect(told.subject).toContain('Customer terms changed');
    expect(told.text).toContain('→');
    const execution = stack.workflows.executions().find((e) => e.name === `customer-terms-change-${asked.body.id}`);
    expect(execution?.status).toBe('SUCCEEDED');
  });

  it('keeps the old terms when the sales manager refuses, and tells the requester the written reason', async () => {
    const customer = await open();
    const headers = { 'idempotency-key': `terms-${customer.code}` };
    const asked = await ask(
      customer.id,
      { settlement: monthly(200000), reason: 'Bigger orders ahead' },
      merchandiser,
      headers,
    );
    expect(asked.status).toBe(202);
    // A retry with the same key is the same request; another one while it waits is refused (one at a time).
    const retried = await ask(
      customer.id,
      { settlement: monthly(200000), reason: 'Bigger orders ahead' },
      merchandiser,
      headers,
    );
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(asked.body.id);
    const second = await ask(customer.id, { settlement: { type: 'prepaid' }, reason: 'Other idea' });
    expect(second.status).toBe(409);
    expect(second.body.errors).toEqual([{ field: 'id', message: expect.stringContaining('terms change waiting') }]);

    // ¥200,000 of new credit, above the threshold: the link also asks for the code e-mailed to the sales manager.
    const refusal = { outcome: 'reject', comment: '今年两次逾期付款 Two late payments this year' };
    const { link } = requestMail(stack, demoPeople.salesManager, asked.body.id);
    expect((await postDecisionWithCode(stack, link, demoPeople.salesManager, refusal)).status).toBe(200);
    await stack.settle();
    expect(await read(customer.id)).toMatchObject({ settlement: deposit30, version: customer.version });
    expect(await change(customer.id, asked.body.id)).toMatchObject({
      status: 'refused',
      decidedBy: demoPeople.salesManager,
      decisionReason: '今年两次逾期付款 Two late payments this year',
    });
    const told = latestMail(stack, 'terms-change-refused', merchandiser.email);
    expect(told.text).toContain('Two late payments this year');

    // Once it has ended another may be asked; the list is newest first.
    const next = await ask(customer.id, { settlement: monthly(50000), reason: 'A smaller limit then' });
    expect(next.status).toBe(202);
    const list = await call('GET', `/customers/${customer.id}/terms-changes`, { as: { role: 'finance' } });
    expect(list.body.items.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [next.body.id, 'pending'],
      [asked.body.id, 'refused'],
    ]);
  });

  it('refuses a PATCH of the terms with 400 on the field, pointing to the request; other fields still change', async () => {
    const customer = await open();
    const patched = await call('PATCH', `/customers/${customer.id}`, {
      as: merchandiser,
      headers: { 'if-match': `"${customer.version}"` },
      body: { settlement: monthly(80000), accountOwner: 'li.na@factory.example' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.errors).toEqual([
      { field: 'settlement', message: expect.stringContaining('POST /customers/{id}/terms-changes') },
      { field: 'accountOwner', message: expect.stringContaining('POST /customers/{id}/terms-changes') },
    ]);
    expect(await read(customer.id)).toMatchObject({ settlement: deposit30, version: customer.version });
    const renamed = await call('PATCH', `/customers/${customer.id}`, {
      as: merchandiser,
      headers: { 'if-match': `"${customer.version}"` },
      body: { name: 'Guangzhou Door Systems Ltd.' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Guangzhou Door Systems Ltd.', settlement: deposit30 });
  });

  it('answers bad requests with 4xx naming the field, and customers with 403', async () => {
    const customer = await open();
    const problems = async (body: unknown) => {
      const response = await ask(customer.id, body);
      expect(response.status).toBe(400);
      return response.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await problems({ reason: 'nothing named' })).toEqual(['settlement']);
    expect(await problems({ settlement: deposit30, reason: 'the same' })).toEqual(['settlement']);
    expect(await problems({ accountOwner: 'wang.fang@factory.example', reason: 'the same' })).toEqual(['accountOwner']);
    expect(await problems({ accountOwner: 'xu.ming@factory.example', reason: 'not a merchandiser' })).toEqual([
      'accountOwner',
    ]);
    expect(await problems({ accountOwner: 'nobody@factory.example', reason: 'unknown' })).toEqual(['accountOwner']);
    expect(await problems({ settlement: monthly(80000) })).toEqual(['reason']);
    expect(await problems({ settlement: monthly(80000), reason: '   ' })).toEqual(['reason']);
    expect(await problems({ settlement: { type: 'monthly', creditLimit: -1 }, reason: 'x' })).toEqual([
      'settlement.creditLimit',
    ]);
    const asCustomer = { role: 'customer' as const, email: 'chen.hong@gz-doors.example', customerId: customer.id };
    expect((await ask(customer.id, { settlement: monthly(1), reason: 'x' }, asCustomer)).status).toBe(403);
    expect((await call('GET', `/customers/${customer.id}/terms-changes`, { as: asCustomer })).status).toBe(403);
    expect((await ask('cus_01J00000000000000000000000', { settlement: monthly(1), reason: 'x' })).status).toBe(404);
    // The customer and the directory are read together: no customer is a 404 before the owner is looked at.
    const unknownOwner = { accountOwner: 'nobody@factory.example', reason: 'unknown' };
    expect((await ask('cus_01J00000000000000000000000', unknownOwner)).status).toBe(404);
    expect(
      (await call('GET', '/customers/cus_01J00000000000000000000000/terms-changes', { as: merchandiser })).status,
    ).toBe(404);
    // Nothing was written: no request, no workflow.
    const list = await call('GET', `/customers/${customer.id}/terms-changes`, { as: merchandiser });
    expect(list.body.items).toEqual([]);
  });

  it('never lets the requester approve: a sales manager asking about their own customer is decided by their leader', async () => {
    const customer = await open();
    const asked = await ask(
      customer.id,
      { accountOwner: 'li.na@factory.example', reason: '王芳调岗 Wang Fang moves to export sales' },
      salesManager,
    );
    expect(asked.status).toBe(202);
    expect(approvalRequests(stack, demoPeople.salesManager, asked.body.id)).toEqual([]);
    const request = requestMail(stack, demoPeople.generalManager, asked.body.id);
    expect(request.text).toContain('Li Na');

    // Not through the API either.
    const approvals = await call('GET', `/approvals?subject=customer:${customer.id}`, { as: salesManager });
    const pending = approvals.body.items.find((a: { step: string }) => a.step === 'terms-change-approval');
    expect(pending).toMatchObject({ assignee: demoPeople.generalManager, requestedBy: demoPeople.salesManager });
    const own = await call('POST', `/approvals/${pending.id}/decision`, {
      as: salesManager,
      body: { outcome: 'approve' },
    });
    expect(own.status).toBe(403);
    expect(await read(customer.id)).toMatchObject({ accountOwner: customer.accountOwner });

    expect(await decide(demoPeople.generalManager, asked.body.id, { outcome: 'approve' })).toBe(200);
    const moved = await read(customer.id);
    expect(moved.accountOwner).not.toBe(customer.accountOwner);
    expect(await change(customer.id, asked.body.id)).toMatchObject({
      status: 'approved',
      decidedBy: demoPeople.generalManager,
      requested: { accountOwner: moved.accountOwner },
      before: { accountOwner: customer.accountOwner },
    });
    // The requester, the account team and the new owner are told.
    const told = latestMail(stack, 'terms-change-approved', 'li.na@factory.example');
    expect(told.to).toEqual([demoPeople.salesManager, merchandiser.email, 'li.na@factory.example']);
  });
});
