import { describe, expect, it } from 'vitest';
import { placeOrderRoute } from '../../functions/orders/routes.ts';
import { routes } from '../../functions/routes.ts';
import { demoPeople, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { bodyBudget, type RouteDefinition } from '../../shared/http/route.ts';
import { port } from '../../shared/runtime.ts';
import { testStack } from './stack.ts';

/**
 * Body and item budgets (docs/architecture.md, "Limits"): a body beyond its route's byte budget is refused with 413
 * problem+json naming the budget, by the shared HTTP layer, on every route; a body within it whose stored item would
 * pass DynamoDB's 400 KB is refused with 413 too, writing nothing — never a 500.
 */
describe('body and item budgets', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const asMerchandiser = { role: 'merchandiser' as const, email: demoPeople.merchandiser };
  const huaxin = customerIds['001'] as string;

  const all: readonly RouteDefinition[] = routes;
  for (const route of all.filter((r) => r.body)) {
    it(`${route.method} ${route.path} refuses a body beyond its ${bodyBudget(route)} bytes with 413`, async () => {
      const path = route.path.replace(/\{[^}]+\}/g, 'x');
      const as =
        route.access === 'public' ? undefined : { role: route.access.roles[0] ?? 'admin', email: 'a@example.com' };
      const body = JSON.stringify({ padding: 'x'.repeat(bodyBudget(route)) });
      const answer = await call(route.method, path, { as, body });
      expect(answer.status).toBe(413);
      if (!route.page) {
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(answer.body).toMatchObject({ status: 413, errors: [{ field: 'body' }] });
        expect(answer.body.detail).toContain(`at most ${bodyBudget(route)} bytes`);
      }
    });
  }

  /** An order of 200 lines, each with `components` kit components of codes nobody knows (each one a finding). */
  const order = (description: string, components: number, codeLength = 21) => ({
    customerId: huaxin,
    poNumber: `PO-${description.length}-${components}`,
    channel: 'email',
    requestedDate: '2027-06-01',
    lines: Array.from({ length: 200 }, (_, n) => ({
      productCode: 'CZM04-SET',
      description,
      quantity: 50,
      components: Array.from({ length: components }, (_, i) => ({
        productCode: `Z${String(n * 100 + i).padStart(codeLength - 1, '0')}`,
        quantity: 50,
      })),
    })),
  });
  const ordersOfHuaxin = async () =>
    (await call('GET', `/orders?customer=${huaxin}`, { as: asMerchandiser })).body.items.length;

  it('answers 413, not 500, to an order of over 800 KB (the API took it, then DynamoDB could not store it: 500)', async () => {
    const body = order('执手套装（套装包装）'.repeat(20).slice(0, 200), 50, 40);
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(800_000);
    const answer = await call('POST', '/orders', { as: asMerchandiser, body });
    expect(answer.status).toBe(413);
    expect(await ordersOfHuaxin()).toBe(0);
  });

  it('answers 413 when a body within its budget would store an item beyond 400 KB, and writes nothing', async () => {
    const body = order('套装', 10);
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(bodyBudget(placeOrderRoute));
    const answer = await call('POST', '/orders', { as: asMerchandiser, body });
    expect(answer.status).toBe(413);
    expect(answer.body.detail).toContain('400 KB');
    expect(await ordersOfHuaxin()).toBe(0);
    await stack.settle();
  });
});
