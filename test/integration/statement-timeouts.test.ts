import { describe, expect, it } from 'vitest';
import { demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { monthBounds, statementId } from '../../shared/domain/statement.ts';
import { booked } from '../../shared/persistence/ledger.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { waitFor } from './approvals.ts';
import { testStack } from './stack.ts';

/** R38: a statement nobody signs back (the ASL's 60 days, shortened to a second). */
describe('a statement never signed back: recorded so, the merchandiser and finance told', async () => {
  const stack = await testStack({ workflowTimeoutOverrides: { statement: { AwaitSignBack: 1000 } } });
  const { call } = stack;
  const table = port('table');
  const { customerIds } = await loadDemoData({ table, clock: port('clock'), ids: port('ids') });
  const jinan = customerIds['003'] as string;
  const month = calendarDateIn(new Date(), companyTimeZone).slice(0, 7);
  const runAt = new Date(new Date(monthBounds(month).ends).getTime() + 3_600_000).toISOString();

  it('ends the wait as unsigned, and an answer after that is refused', async () => {
    const entry = {
      customerId: jinan,
      kind: 'delivery-note' as const,
      reference: 'DN-LATE-1',
      amount: 800,
      currency: 'CNY' as const,
      at: new Date().toISOString(),
    };
    await writeAtomically(table, { now: new Date(), events: [], writes: booked(table.name, entry) });
    const run = await fetch(`${stack.url}/_local/schedules/month-end?at=${encodeURIComponent(runAt)}`, {
      method: 'POST',
    });
    expect(run.ok).toBe(true);
    const id = statementId(month, '003');
    const unsigned = () =>
      stack.mailbox.list().filter((m) => m.template === 'statement-unsigned' && m.subject.includes(id));
    await waitFor(() => unsigned().length > 0);
    expect(unsigned()[0]?.to.sort()).toEqual([demoPeople.financeOnDuty, demoPeople.merchandiser].sort());
    await stack.settle();
    const finance = { role: 'finance' as const, email: demoPeople.financeOnDuty };
    expect((await call('GET', `/statements/${id}`, { as: finance })).body.status).toBe('unsigned');
    const late = await call('POST', `/statements/${id}/sign-back`, {
      as: { role: 'customer', email: 'finance@jinan-alu.example', customerId: jinan },
      headers: { 'idempotency-key': 'late-answer' },
      body: { outcome: 'confirmed', signedBy: '王静' },
    });
    expect(late.status).toBe(409);
    expect(stack.workflows.executions().find((e) => e.name === `statement-${id}`)?.status).toBe('SUCCEEDED');
  });
});
