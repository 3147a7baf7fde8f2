import { routes as routeTable } from '../functions/routes.ts';
import { type WorkerDefinition, workers as workerTable } from '../functions/workers.ts';
import type { RouteDefinition } from '../shared/http/route.ts';
import { type StateMachineDefinition, stateMachines as stateMachineTable } from '../state-machines/index.ts';
import { type ScheduleDefinition, schedules as scheduleTable } from '../state-machines/schedules.ts';

/**
 * The stacks that hold functions, one per group of contexts. A context is a folder `functions/<context>/`: its
 * routes (by their handler), its workers (likewise) and the workflows whose steps those workers are go to the
 * stack that lists it. See docs/decisions/infra-stacks-by-context.md.
 */
export type ContextStackDefinition = {
  /** The stack's name after the stage prefix: `dev-OrderFollowUp-<name>`. */
  name: string;
  description: string;
  /** Folders under functions/. */
  contexts: readonly string[];
};

export const contextStacks: readonly ContextStackDefinition[] = [
  {
    name: 'Events',
    description: 'What domain events set going: the outbox relay, notifications, workflow starts and resumptions',
    contexts: ['events', 'notifications', 'workflows'],
  },
  {
    name: 'Approvals',
    description:
      "Approvals: asking a person (every workflow invokes request-approval), deciding by link or API; the API's health",
    contexts: ['approvals', 'operations'],
  },
  {
    name: 'Customers',
    description:
      "Master data: customers with their onboarding review (R10) and their terms changes (the sales manager's approval), products, the staff directory",
    contexts: ['customers', 'products', 'staff'],
  },
  {
    name: 'Orders',
    description:
      'Orders: intake (F1) and the payments its deposit waits for (R9), split and merge (R24), production starts (R12)',
    contexts: ['orders', 'payments', 'production'],
  },
  {
    name: 'Shipping',
    description:
      'Shipping (F3): one workflow per delivery from finished to signed for, the warehouse list, tracking, receipts, delivery notes',
    contexts: ['shipping'],
  },
  {
    name: 'AfterSales',
    description:
      'After sales: complaints (F4), the register with its numbers, owners and due dates; returns (F5) from the application to the return note and the credit',
    contexts: ['complaints', 'returns'],
  },
  {
    name: 'Money',
    description:
      'Money (F6-F7): quotations and special prices (R37); month-end statements (R38) — the monthly run, one workflow per statement, sign-back, corrections and the daily follow-up',
    contexts: ['quotations', 'statements'],
  },
  {
    name: 'Receivables',
    description:
      'The receivables (F7, R40): ledger adjustments approved by the finance leader, the ageing report, reconciliation, the daily overdue reminders',
    contexts: ['receivables'],
  },
  {
    name: 'OrderRequests',
    description: 'Requests made on an order: changes (F2, R11-R15), cancellations (R16)',
    contexts: ['order-changes', 'order-cancellations'],
  },
  {
    name: 'Reports',
    description:
      'F8: the figures kept from domain events (R41, R43) and the reports as JSON and by e-mail, the KPIs with the yearly satisfaction survey, the daily follow-up of what waits on each person (R7)',
    contexts: ['reports', 'follow-up', 'surveys'],
  },
];

/**
 * Resources per template: CloudFormation allows 500; a stack of this app stays at or below 60 % of that, so that
 * a context can grow without a stack reaching the limit in the middle of a feature.
 */
export const resourceBudget = 300;

/**
 * What a context stack holds, counted in routes, workers, workflows, and the event rules that trigger its workers
 * (the fan-in workers of the Events stack take one or more per context: its notifications, its workflows' starts).
 */
export type Holding = { routes: number; workers: number; workflows: number; rules: number };

/**
 * The contexts announced in the issue and not built yet, each to come with its own context stack, with the
 * routes, workers and workflows each is expected to bring (about 30 routes in all).
 */
export const announcedStacks: readonly (Holding & { name: string; features: string })[] = [];

/**
 * The room every context stack keeps beyond what it holds (or, announced, is expected to hold): no one knows
 * yet exactly how the routes still to come divide between the contexts, so each stack must be able to take
 * this much more without passing the budget. The projection counts it in the costliest route, worker and
 * workflow of the app as synthesized.
 */
export const growthReserve: Holding = { routes: 10, workers: 2, workflows: 1, rules: 8 };

/** What one context stack deploys. */
export type StackPlan = ContextStackDefinition & {
  routes: RouteDefinition[];
  workers: WorkerDefinition[];
  workflows: StateMachineDefinition[];
  /** Workers of other stacks that this stack's workflows invoke (imported by their exported ARN). */
  invokesElsewhere: string[];
  /** Workers of this stack that workflows of other stacks invoke (their ARNs exported). */
  invokedElsewhere: string[];
};

/** `functions/orders/place.ts` → `orders` */
export function contextOf(handler: string) {
  const match = /^functions\/([^/]+)\//.exec(handler);
  if (!match?.[1]) throw new Error(`${handler}: a handler lives in functions/<context>/`);
  return match[1];
}

export type Definitions = {
  routes: readonly RouteDefinition[];
  workers: readonly WorkerDefinition[];
  stateMachines: readonly StateMachineDefinition[];
  schedules: readonly ScheduleDefinition[];
};

const definitions: Definitions = {
  routes: routeTable,
  workers: workerTable,
  stateMachines: stateMachineTable,
  schedules: scheduleTable,
};

/**
 * Where each route, worker and workflow of the definitions deploys. A workflow goes with its own worker (the
 * one named like it: its steps), so that the only function it invokes in another stack is a shared one such as
 * request-approval, imported by name; nothing a stack deploys is assigned twice or left out.
 */
export function plan(stacks: readonly ContextStackDefinition[] = contextStacks, given: Definitions = definitions) {
  const stackOfContext = new Map<string, string>();
  for (const stack of stacks) {
    for (const context of stack.contexts) {
      const other = stackOfContext.get(context);
      if (other) throw new Error(`functions/${context}/ is in two stacks: ${other} and ${stack.name}`);
      stackOfContext.set(context, stack.name);
    }
  }
  const stackOf = (handler: string, what: string) => {
    const stack = stackOfContext.get(contextOf(handler));
    if (!stack) {
      throw new Error(
        `${what} (${handler}): functions/${contextOf(handler)}/ belongs to no stack; add it to infra/contexts.ts`,
      );
    }
    return stack;
  };

  const plans = new Map<string, StackPlan>(
    stacks.map((stack) => [
      stack.name,
      { ...stack, routes: [], workers: [], workflows: [], invokesElsewhere: [], invokedElsewhere: [] },
    ]),
  );
  const planOf = (name: string) => plans.get(name) as StackPlan;
  const workerStack = new Map<string, string>();
  for (const route of given.routes) planOf(stackOf(route.handler, `route ${route.operationId}`)).routes.push(route);
  for (const worker of given.workers) {
    const stack = stackOf(worker.handler, `worker ${worker.name}`);
    planOf(stack).workers.push(worker);
    workerStack.set(worker.name, stack);
  }
  for (const schedule of given.schedules) {
    if (!workerStack.has(schedule.target.worker)) {
      throw new Error(`Schedule ${schedule.name} targets ${schedule.target.worker}, which is no worker`);
    }
  }
  for (const workflow of given.stateMachines) {
    const home = workerStack.get(workflow.name);
    if (!home) {
      throw new Error(`workflow ${workflow.name}: no worker of that name (its steps), so no stack to deploy it in`);
    }
    planOf(home).workflows.push(workflow);
    for (const worker of workflow.invokes) {
      const stack = workerStack.get(worker);
      if (!stack) throw new Error(`${workflow.name} invokes ${worker}, which is no worker`);
      if (stack === home) continue;
      addOnce(planOf(home).invokesElsewhere, worker);
      addOnce(planOf(stack).invokedElsewhere, worker);
    }
  }
  return { stacks: [...plans.values()], workerStack };
}

function addOnce(list: string[], item: string) {
  if (!list.includes(item)) list.push(item);
}
