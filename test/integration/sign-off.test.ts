import { describe, expect, it } from 'vitest';
import { postDecision } from './approvals.ts';
import { people, signOffStack } from './sign-off-flow.ts';

describe('a sign-off group with typed decisions, through the e-mailed links', async () => {
  const { stack, start, execution, requestTo, approvalsOf } = await signOffStack();

  it('asks each signer with their own link and form, re-renders a bad value, and completes on the last signature', async () => {
    const { orderId, executionArn, number } = await start();
    const warehouse = requestTo(people.warehouse, number);
    expect(warehouse.text).toContain('3 people must each sign');
    requestTo(people.salesAdmin, number);
    requestTo(people.finance, number);

    // The form the warehouse gets: both lines, the box count, required marks, labels in both languages.
    const page = await (await fetch(warehouse.link)).text();
    expect(page).toContain('实际备货数量 Quantity on hand');
    expect(page).toContain('name="lines.2"');
    expect(page).toContain('箱数 Number of boxes');
    expect(page).toMatch(/<input type="number" name="boxes.2"[^>]* required>/);

    // A bad value comes back with the form, filled in as sent and the problem beside the field; nothing decided.
    const bad = await postDecision(warehouse.link, {
      outcome: 'approve',
      'lines.1': '50',
      'lines.2': '250',
      'boxes.1': '4',
      'boxes.2': 'twelve',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Nothing was decided');
    expect(bad.html).toContain('must be a whole number');
    expect(bad.html).toContain('is more than line 2&#39;s 200');
    expect(bad.html).toContain('value="250"');
    expect((await approvalsOf(orderId)).every((a) => a.status === 'pending')).toBe(true);

    expect(
      (
        await postDecision(warehouse.link, {
          outcome: 'approve',
          'lines.1': '50',
          'lines.2': '200',
          'boxes.1': '4',
          'boxes.2': '8',
        })
      ).status,
    ).toBe(200);
    await stack.settle();
    expect(execution(executionArn)?.status).toBe('RUNNING');
    expect((await postDecision(requestTo(people.salesAdmin, number).link, { outcome: 'approve' })).status).toBe(200);
    await stack.settle();
    expect(execution(executionArn)?.status).toBe('RUNNING');
    const lastSignature = await postDecision(requestTo(people.finance, number).link, {
      outcome: 'approve',
      receivedOn: '2026-11-30',
      amount: '1530.50',
    });
    expect(lastSignature.status).toBe(200);
    expect(lastSignature.html).toContain('1,530.50');
    await stack.settle();

    const done = execution(executionArn);
    expect(done).toMatchObject({ status: 'SUCCEEDED', currentStates: [] });
    const output = done?.output as any;
    expect(output.signOff).toMatchObject({
      outcome: 'approve',
      signatures: [
        {
          role: 'warehouse',
          by: people.warehouse,
          values: {
            lines: [
              { line: 1, quantity: 50 },
              { line: 2, quantity: 200 },
            ],
            boxes: [
              { line: 1, quantity: 4 },
              { line: 2, quantity: 8 },
            ],
          },
        },
        { role: 'sales-admin', by: people.salesAdmin, values: {} },
        { role: 'finance', by: people.finance, values: { receivedOn: '2026-11-30', amount: 1530.5 } },
      ],
      decidedBy: people.finance,
    });
    expect(done?.history?.some((h) => h.state === 'Signed')).toBe(true);
  });

  it('ends at the first refusal with its written reason; the others’ links then answer 410', async () => {
    const { executionArn, number } = await start();
    const refusal = await postDecision(requestTo(people.salesAdmin, number).link, {
      outcome: 'reject',
      comment: 'Prices on the delivery note are wrong',
    });
    expect(refusal.status).toBe(200);
    await stack.settle();
    const output = execution(executionArn)?.output as any;
    expect(output.signOff).toMatchObject({ outcome: 'reject', comment: 'Prices on the delivery note are wrong' });
    expect((await fetch(requestTo(people.warehouse, number).link)).status).toBe(410);
    expect((await postDecision(requestTo(people.finance, number).link, { outcome: 'approve' })).status).toBe(410);
  });
});
