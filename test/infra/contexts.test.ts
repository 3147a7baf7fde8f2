import { describe, expect, it } from 'vitest';
import type { WorkerDefinition } from '../../functions/workers.ts';
import { contextOf, plan } from '../../infra/contexts.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';

const route = (operationId: string, handler: string): RouteDefinition => ({
  operationId,
  method: 'GET',
  path: `/${operationId}`,
  summary: operationId,
  tag: 'Test',
  handler,
  access: 'public',
  responses: { 200: { description: 'OK' } },
  grants: [],
});
const worker = (name: string, handler: string): WorkerDefinition => ({
  name,
  description: name,
  handler,
  grants: [],
});

const stacks = [
  { name: 'Shared', description: 'Shared', contexts: ['approvals'] },
  { name: 'Shipping', description: 'Shipping', contexts: ['shipping', 'carriers'] },
];
const definitions = {
  routes: [route('ship', 'functions/shipping/ship.ts'), route('carriers', 'functions/carriers/list.ts')],
  workers: [
    worker('request-approval', 'functions/approvals/request.ts'),
    worker('shipping', 'functions/shipping/flow.ts'),
  ],
  stateMachines: [{ name: 'shipping', description: 'Ships', invokes: ['request-approval', 'shipping'] }],
  schedules: [],
};

describe('the plan of the context stacks', () => {
  it('puts each route and worker in the stack of its folder, each workflow with its own worker', () => {
    const { stacks: planned } = plan(stacks, definitions);
    const shipping = planned.find((stack) => stack.name === 'Shipping');
    expect(shipping?.routes.map((r) => r.operationId)).toEqual(['ship', 'carriers']);
    expect(shipping?.workers.map((w) => w.name)).toEqual(['shipping']);
    expect(shipping?.workflows.map((w) => w.name)).toEqual(['shipping']);
    expect(shipping?.invokesElsewhere).toEqual(['request-approval']);
    expect(planned.find((stack) => stack.name === 'Shared')?.invokedElsewhere).toEqual(['request-approval']);
  });

  it('refuses a handler whose folder no stack lists, and a folder two stacks list', () => {
    expect(() => plan(stacks, { ...definitions, routes: [route('bill', 'functions/billing/bill.ts')] })).toThrow(
      /functions\/billing\/ belongs to no stack/,
    );
    expect(() =>
      plan([...stacks, { name: 'Other', description: 'Other', contexts: ['shipping'] }], definitions),
    ).toThrow(/functions\/shipping\/ is in two stacks/);
    expect(() => contextOf('scripts/x.ts')).toThrow(/functions\/<context>/);
  });

  it('refuses a workflow without a worker of its name, or invoking no worker, and a schedule of no worker', () => {
    const lost = { name: 'returns', description: 'Returns', invokes: ['request-approval'] };
    expect(() => plan(stacks, { ...definitions, stateMachines: [lost] })).toThrow(/no worker of that name/);
    const stray = { name: 'shipping', description: 'Ships', invokes: ['nobody'] };
    expect(() => plan(stacks, { ...definitions, stateMachines: [stray] })).toThrow(/invokes nobody/);
    const schedule = {
      name: 'nightly',
      description: 'n',
      cron: '0 1 * * ? *',
      timeZone: 'UTC',
      target: { worker: 'x' },
    };
    expect(() => plan(stacks, { ...definitions, schedules: [schedule] })).toThrow(/targets x, which is no worker/);
  });
});
