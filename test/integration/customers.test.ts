import { describe, expect, it } from 'vitest';
import { newCustomer } from '../fixtures.ts';
import { testStack } from './stack.ts';

const merchandiser = { role: 'merchandiser' as const, email: 'merchandiser@example.com' };

describe('customers through the HTTP gateway', async () => {
  const stack = await testStack();
  const { call } = stack;

  it('creates a customer (201) and reads it back with its version as ETag', async () => {
    const created = await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '201' }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: '201',
      status: 'pending_review',
      version: 1,
      createdBy: merchandiser.email,
    });
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await call('GET', `/customers/${created.body.id}`, { as: { role: 'planner' } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a second customer with the same code (409, R3)', async () => {
    expect((await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '202' }) })).status).toBe(
      201,
    );
    const again = await call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '202', name: 'Other' }),
    });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'code', message: 'is already used by another customer' }]);
  });

  it('lets exactly one of many concurrent creations with one code win', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '203', name: `Racer ${i}` }) }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });

  it('answers a bad body with 400 naming each field, and stores nothing', async () => {
    const bad = await call('POST', '/customers', {
      as: merchandiser,
      body: { ...newCustomer({ code: '12' }), contacts: [{ name: 'x', email: 'not-mail', language: 'fr' }], extra: 1 },
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'contacts.0.email', 'contacts.0.language', 'extra']));
    const list = await call('GET', '/customers', { as: merchandiser });
    expect(list.body.items.map((c: { code: string }) => c.code)).not.toContain('12');
  });

  it('takes the account owner from the staff directory: a merchandiser who is there and active, else 400', async () => {
    for (const [accountOwner, message] of [
      ['nobody@factory.example', 'nobody@factory.example is not a person in the staff directory'],
      ['zhao.lei@factory.example', '赵磊 Zhao Lei <zhao.lei@factory.example> is not a merchandiser'],
    ]) {
      const bad = await call('POST', '/customers', {
        as: merchandiser,
        body: newCustomer({ code: '205', accountOwner }),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'accountOwner', message }]);
    }
    const list = await call('GET', '/customers', { as: merchandiser });
    expect(list.body.items.map((c: { code: string }) => c.code)).not.toContain('205');
  });

  it('answers invalid JSON with 400', async () => {
    const bad = await call('POST', '/customers', { as: merchandiser, body: '{"code":' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
  });

  it('needs a valid, unexpired token (401) and the right role (403)', async () => {
    expect((await call('POST', '/customers', { body: newCustomer({ code: '204' }) })).status).toBe(401);
    const expired = await stack.idp.issue({ role: 'merchandiser', email: 'm@example.com', expiresIn: '-1m' });
    expect((await call('POST', '/customers', { as: expired, body: newCustomer({ code: '204' }) })).status).toBe(401);
    expect((await call('POST', '/customers', { as: 'not.a.jwt', body: newCustomer({ code: '204' }) })).status).toBe(
      401,
    );
    const forbidden = await call('POST', '/customers', {
      as: { role: 'warehouse' },
      body: newCustomer({ code: '204' }),
    });
    expect(forbidden.status).toBe(403);
  });

  it('shows a customer user only its own record', async () => {
    const own = await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '205' }) });
    const other = await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '206' }) });
    const asCustomer = { role: 'customer' as const, customerId: own.body.id };
    expect((await call('GET', `/customers/${own.body.id}`, { as: asCustomer })).status).toBe(200);
    expect((await call('GET', `/customers/${other.body.id}`, { as: asCustomer })).status).toBe(404);
    expect((await call('GET', '/customers', { as: asCustomer })).status).toBe(403);
  });

  it('replays a retried creation with the same Idempotency-Key instead of creating twice', async () => {
    const headers = { 'idempotency-key': 'create-207-attempt' };
    const body = newCustomer({ code: '207' });
    const [first, second] = await Promise.all([
      call('POST', '/customers', { as: merchandiser, body, headers }),
      call('POST', '/customers', { as: merchandiser, body, headers }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    const third = await call('POST', '/customers', { as: merchandiser, body, headers });
    expect(third.body).toEqual(first.body);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    const reused = await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '208' }), headers });
    expect(reused.status).toBe(422);
  });

  it('updates with the version read; a stale version gets 409 and loses nothing', async () => {
    const created = await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '209' }) });
    const path = `/customers/${created.body.id}`;
    expect((await call('PATCH', path, { as: merchandiser, body: { name: 'No version' } })).status).toBe(428);
    const first = await call('PATCH', path, {
      as: merchandiser,
      body: { name: 'First' },
      headers: { 'if-match': '"1"' },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: 'First', version: 2 });
    const stale = await call('PATCH', path, { as: merchandiser, body: { region: 'EU', version: 1 } });
    expect(stale.status).toBe(409);
    const read = await call('GET', path, { as: merchandiser });
    expect(read.body).toMatchObject({ name: 'First', region: 'CN', version: 2 });
    expect((await call('PATCH', path, { as: merchandiser, body: { code: '999', version: 2 } })).status).toBe(400);
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const created = await call('POST', '/customers', { as: merchandiser, body: newCustomer({ code: '210' }) });
    const path = `/customers/${created.body.id}`;
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) => call('PATCH', path, { as: merchandiser, body: { name, version: 1 } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)?.body.name;
    expect((await call('GET', path, { as: merchandiser })).body).toMatchObject({ name: winner, version: 2 });
  });

  it('lists customers by code, a page at a time, with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: merchandiser });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { code: string }) => c.code));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['201', '202', '203', '205']));
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'ORDERS', pk: 'x', sk: 'y', gsi1sk: 'z' })).toString(
      'base64url',
    );
    expect((await call('GET', `/customers?cursor=${forged}`, { as: merchandiser })).status).toBe(400);
    expect((await call('GET', '/customers?limit=0', { as: merchandiser })).status).toBe(400);
  });

  it('e-mails the merchandiser through table stream → bus → notifier → mailbox, once', async () => {
    const created = await call('POST', '/customers', {
      as: merchandiser,
      body: newCustomer({ code: '211', name: 'Stream Test Ltd', accountOwner: 'zhang.wei@factory.example' }),
    });
    await stack.settle();
    const mail = await call('GET', '/_local/mail.json');
    const sent = mail.body.filter(
      (m: { subject: string; template: string }) =>
        m.template === 'customer-created' && m.subject.includes('211 Stream Test Ltd'),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['zhang.wei@factory.example'], template: 'customer-created' });
    // The account owner is kept as the person (a staff id), not as the address given.
    expect(created.body.accountOwner).toMatch(/^stf_/);
    expect(sent[0].links).toContain(`${stack.url}/customers/${created.body.id}`);
    expect((await call('GET', '/_local/mail')).body).toContain('211 Stream Test Ltd');
  });

  it('serves health and the OpenAPI document', async () => {
    expect((await call('GET', '/health')).body).toEqual({ status: 'ok' });
    const openapi = await call('GET', '/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/customers', '/customers/{id}']));
  });
});
