import { describe, expect, it } from 'vitest';
import { demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { addDays, calendarDateIn } from '../../shared/domain/lead-time.ts';
import { port } from '../../shared/runtime.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

const finance = { role: 'finance' as const, email: demoPeople.financeOnDuty };
const today = () => calendarDateIn(port('clock').now(), companyTimeZone);

describe('invoices follow payments (R39): never more than paid and not invoiced, each number once', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const jinan = customerIds['003'] as string;
  const asJinan = { role: 'customer' as const, email: 'finance@jinan-alu.example', customerId: jinan };
  const pay = async (amount: number, reference: string) => {
    const paid = await call('POST', '/payments', {
      as: finance,
      headers: { 'idempotency-key': `pay-${reference}` },
      body: {
        customerId: jinan,
        kind: 'other',
        amount,
        currency: 'CNY',
        method: 'bank-transfer',
        reference,
        receivedOn: today(),
      },
    });
    expect(paid.status).toBe(201);
  };
  const invoice = (body: object, key = `inv-${crypto.randomUUID()}`) =>
    call('POST', `/customers/${jinan}/invoices`, { as: finance, headers: { 'idempotency-key': key }, body });

  it('records an invoice of money received, and refuses one beyond it, naming what is left', async () => {
    await pay(1000, 'JN-BANK-1');
    await pay(500.5, 'JN-BANK-2');
    const first = await invoice(
      { number: 'FP-00012345', issuedOn: today(), amount: 1000, taxAmount: 115.04 },
      'inv-first',
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      number: 'FP-00012345',
      amount: 1000,
      currency: 'CNY',
      recordedBy: finance.email,
    });
    const again = await invoice(
      { number: 'FP-00012345', issuedOn: today(), amount: 1000, taxAmount: 115.04 },
      'inv-first',
    );
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const beyond = await invoice({ number: 'FP-00012346', issuedOn: today(), amount: 600, taxAmount: 69.03 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors).toEqual([
      { field: 'amount', message: 'is more than the 500.5 CNY paid and not invoiced yet (paid 1500.5, invoiced 1000)' },
    ]);
    const ahead = await invoice({ number: 'FP-00012347', issuedOn: addDays(today(), 1), amount: 1, taxAmount: 2 });
    expect(ahead.body.errors).toEqual([
      { field: 'taxAmount', message: 'is more than the amount' },
      { field: 'issuedOn', message: 'cannot be after today' },
    ]);
    const twice = await invoice({ number: 'FP-00012345', issuedOn: today(), amount: 1, taxAmount: 0.12 });
    expect(twice.status).toBe(409);
    expect(twice.body.errors).toEqual([{ field: 'number', message: 'is already taken' }]);
  });

  it('never invoices the same money twice when two invoices are recorded at the same moment', async () => {
    const racing = await Promise.all([
      invoice({ number: 'FP-00020001', issuedOn: today(), amount: 400, taxAmount: 46.02 }),
      invoice({ number: 'FP-00020002', issuedOn: today(), amount: 400, taxAmount: 46.02 }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 400]);
    const ledger = (await call('GET', `/customers/${jinan}/ledger`, { as: asJinan })).body;
    expect(ledger).toMatchObject({ paid: 1500.5, invoiced: 1400, balance: -1500.5 });
    // Paid ahead: nothing is owed, of any age (R40).
    expect(ledger.ageing).toEqual({ current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 });
    expect(ledger.entries.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([
      ['payment', -1000],
      ['payment', -500.5],
    ]);
    const listed = (await call('GET', `/customers/${jinan}/invoices`, { as: asJinan })).body.items;
    expect(listed.map((i: { number: string }) => i.number).sort()).toEqual(expect.arrayContaining(['FP-00012345']));
    expect(listed).toHaveLength(2);
    expect((await call('GET', `/customers/${customerIds['001']}/invoices`, { as: asJinan })).status).toBe(404);
  });

  it('keeps invoices and the ledger for ever', async () => {
    expect(await auditTimeToLive(stack.tableName)).toBeGreaterThan(10);
  });
});
