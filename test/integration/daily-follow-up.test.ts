import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import { doc000KitComponents } from '../fixtures.ts';
import { shippingStack } from './shipping-flow.ts';

/**
 * R7: the daily follow-up. Two orders wait for the merchandiser's review, a third is on its way to the customer; run
 * on their day, she is told of the reviews; ten days on they are overdue and stuck (R7's documented days), the
 * delivery is late (R23), and her leader is told of them too; nobody else hears.
 */
describe('the daily follow-up (R7)', async () => {
  const { stack, call, huaxin, pay, finishedOrder, prepared, shipped } = await shippingStack({});
  const asCustomer = { role: 'customer' as const, email: 'li.wei@huaxin.example', customerId: huaxin };
  const onItsWay = await finishedOrder('FU-0');
  await pay(onItsWay.id, 'balance', 2975, 'FU-0-BAL');
  await prepared(onItsWay.number);
  await shipped(onItsWay.number);
  const place = async (po: string) => {
    const placed = await call('POST', '/orders', {
      as: asCustomer,
      body: {
        poNumber: po,
        channel: 'platform',
        requestedDate: '2027-02-01',
        lines: [{ productCode: 'CZM04-SET', description: '执手套装', quantity: 50, components: doc000KitComponents }],
      },
    });
    expect(placed.status).toBe(201);
    await stack.settle();
    return placed.body as { id: string; number: string };
  };
  const first = await place('FU-1');
  const second = await place('FU-2');

  const digestsSent = () => stack.mailbox.list().filter((m) => m.template === 'daily-follow-up');
  const runOn = async (daysOn: number) => {
    const at = new Date(Date.now() + daysOn * 86_400_000).toISOString();
    const run = await fetch(`${stack.url}/_local/schedules/daily-follow-up?at=${encodeURIComponent(at)}`, {
      method: 'POST',
    });
    expect(run.ok, await run.text()).toBe(true);
    await stack.settle();
  };

  it('tells the merchandiser of the approvals waiting on her, with links; nobody with nothing pending gets mail', async () => {
    await runOn(0);
    const sent = digestsSent();
    expect(sent.map((m) => m.to)).toEqual([[demoPeople.merchandiser]]);
    const [digest] = sent;
    expect(digest?.text).toContain('待您审批');
    expect(digest?.text).not.toContain('已逾期');
    for (const order of [first, second]) expect(digest?.text).toContain(order.number);
    expect(digest?.links.filter((l) => l.includes('/approval-links/'))).toHaveLength(
      (digest?.text.match(/\/approval-links\//g) ?? []).length,
    );
  });

  it('lists what is overdue oldest first with how late, stuck orders, the team to the leader; once a day', async () => {
    const before = digestsSent().length;
    await runOn(10);
    await runOn(10);
    const sent = digestsSent().slice(0, digestsSent().length - before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual([demoPeople.merchandiser, demoPeople.salesManager].sort());

    const mine = sent.find((m) => m.to.includes(demoPeople.merchandiser));
    expect(mine?.text).toContain('已逾期（最早的在前）');
    expect(mine?.text).toMatch(/逾期 \d+ 天/);
    // Oldest first: the first order's review was asked first.
    expect(mine?.text.indexOf(first.number)).toBeLessThan(mine?.text.indexOf(second.number) as number);
    expect(mine?.text).toMatch(/天以上没有进展/);
    expect(mine?.text).toMatch(/10 天无进展/);
    expect(mine?.text).toMatch(new RegExp(`送货逾期未签收 · ${onItsWay.number}-01 .*逾期 \\d+ 天`));

    const leaders = sent.find((m) => m.to.includes(demoPeople.salesManager));
    expect(leaders?.text).toContain('您团队的逾期事项');
    expect(leaders?.text).toContain(first.number);
    expect(leaders?.text).toContain('王芳');

    // Nothing of the digest in the orders' histories.
    const history = (await call('GET', `/orders/${first.id}`, { as: { role: 'merchandiser' } })).body.history;
    expect(history.some((h: { action: string }) => /follow-up/.test(h.action))).toBe(false);
  });

  it("the digest's link opens the approval page, and the request's own link still does", async () => {
    const digest = digestsSent().find((m) => m.to.includes(demoPeople.merchandiser));
    const link = digest?.links.find((l) => l.includes('/approval-links/')) as string;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(new RegExp(`${first.number}|${second.number}`));
    const request = stack.mailbox
      .list()
      .find((m) => m.template === 'approval-request' && m.subject.includes(first.number));
    const original = request?.links.find((l) => l.includes('/approval-links/')) as string;
    expect((await fetch(original)).status).toBe(200);
  });
});
