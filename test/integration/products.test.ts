import { describe, expect, it } from 'vitest';
import { testStack } from './stack.ts';

const salesAdmin = { role: 'sales-admin' as const, email: 'liu.yang@factory.example' };
const part = (code: string) => ({
  code,
  name: `Part ${code}`,
  spec: '',
  type: 'P',
  unit: 'pc',
  prices: { CNY: 1.5 },
  minimumOrderQuantity: 10,
});

describe('products as master data', async () => {
  const { call } = await testStack();

  it('adds parts and a kit of them (R2), refusing a kit of unknown parts or of itself', async () => {
    for (const code of ['TP-HANDLE', 'TP-SCREW']) {
      expect((await call('POST', '/products', { as: salesAdmin, body: part(code) })).status).toBe(201);
    }
    const kit = {
      ...part('TP-SET'),
      type: 'C',
      unit: 'set',
      kit: [
        { code: 'TP-HANDLE', quantity: 1 },
        { code: 'TP-SCREW', quantity: 4 },
      ],
    };
    const unknown = await call('POST', '/products', {
      as: salesAdmin,
      body: { ...kit, kit: [...kit.kit, { code: 'TP-NONE', quantity: 1 }, { code: 'TP-SET', quantity: 1 }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: 'kit.2.code', message: 'is not a product' },
      { field: 'kit.3.code', message: 'is the kit itself' },
    ]);
    const added = await call('POST', '/products', { as: salesAdmin, body: kit });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ code: 'TP-SET', version: 1, active: true, createdBy: salesAdmin.email });
    expect((await call('GET', '/products/TP-SET', { as: { role: 'customer', customerId: 'cus_x' } })).body.kit).toEqual(
      kit.kit,
    );
  });

  it('refuses a duplicate code (409), a bad body (400) and a role that does not keep prices (403)', async () => {
    expect((await call('POST', '/products', { as: salesAdmin, body: part('TP-DUP') })).status).toBe(201);
    const duplicate = await call('POST', '/products', { as: salesAdmin, body: part('TP-DUP') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'code', message: 'is already taken' }]);
    const bad = await call('POST', '/products', {
      as: salesAdmin,
      body: { ...part('tp bad'), prices: { CNY: -1 }, minimumOrderQuantity: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'code',
      'minimumOrderQuantity',
      'prices.CNY',
    ]);
    expect((await call('POST', '/products', { as: { role: 'merchandiser' }, body: part('TP-NO') })).status).toBe(403);
  });

  it('changes prices with the version read; a stale version loses nothing', async () => {
    await call('POST', '/products', { as: salesAdmin, body: part('TP-PRICE') });
    const changed = await call('PATCH', '/products/TP-PRICE', {
      as: salesAdmin,
      body: { prices: { CNY: 1.6, USD: 0.25 } },
      headers: { 'if-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ prices: { CNY: 1.6, USD: 0.25 }, version: 2 });
    const stale = await call('PATCH', '/products/TP-PRICE', { as: salesAdmin, body: { active: false, version: 1 } });
    expect(stale.status).toBe(409);
    expect((await call('GET', '/products/TP-PRICE', { as: salesAdmin })).body).toMatchObject({
      active: true,
      version: 2,
    });
    expect((await call('PATCH', '/products/TP-PRICE', { as: salesAdmin, body: { active: false } })).status).toBe(428);
    expect(
      (await call('PATCH', '/products/TP-NONE', { as: salesAdmin, body: { active: false, version: 1 } })).status,
    ).toBe(404);
  });
});
