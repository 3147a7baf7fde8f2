import { routes } from '../functions/routes.ts';
import { withDemoStack } from '../scripts/contract.ts';
import { monthEnd } from '../scripts/demo/client.ts';
import { demoUsers } from '../scripts/offline/demo-data.ts';
import { type InvocationMeter, invocationMeter } from '../scripts/offline/meter.ts';
import type { OfflineStack } from '../scripts/offline/stack.ts';
import { functionMemoryMb } from '../shared/limits.ts';
import { workflows } from '../state-machines/index.ts';
import { schedules } from '../state-machines/schedules.ts';
import { dollars, type PriceName, priceList } from './prices.ts';

/** Nested counters: what a stretch of the run used, summed and scaled as one. */
type Counts = { [key: string]: number | Counts };

function addScaled(into: Counts, from: Counts, factor: number) {
  for (const [key, value] of Object.entries(from)) {
    if (typeof value === 'number') into[key] = ((into[key] as number | undefined) ?? 0) + value * factor;
    else {
      into[key] ??= {};
      addScaled(into[key] as Counts, value, factor);
    }
  }
  return into;
}

const sum = (counts: Counts | undefined): number =>
  Object.values(counts ?? {}).reduce<number>((total, v) => total + (typeof v === 'number' ? v : sum(v)), 0);

const routeNames = new Set<string>(routes.map((route) => route.operationId));
const memoryGb = (fn: string) => (routeNames.has(fn) ? functionMemoryMb.route : functionMemoryMb.worker) / 1024;
/** Workers the scheduler runs on its own clock (every 5 minutes, daily): a fixed cost, not an order's. */
const scheduled = new Set(schedules.map((schedule) => schedule.target.worker));

/** Each state's type, by workflow and name (nested states too), to tell the states that carry no business step. */
const stateTypes = new Map(
  workflows.map((workflow) => {
    const types = new Map<string, string>();
    const walk = (states: Record<string, Record<string, unknown>>) => {
      for (const [name, state] of Object.entries(states)) {
        types.set(name, String(state.Type));
        const nested = [
          ...((state.Branches as { States: never }[] | undefined) ?? []),
          ...[state.ItemProcessor, state.Iterator].filter(Boolean),
        ] as { States: Record<string, Record<string, unknown>> }[];
        for (const machine of nested) walk(machine.States);
      }
    };
    walk(workflow.definition.States as never);
    return [workflow.name, types];
  }),
);

/**
 * What the stack did while `work` ran and settled: every invocation (DynamoDB requests and capacity, wall time),
 * every state entered or retried in any execution (AWS bills each as a transition), the app's events put on the bus
 * and the e-mails sent. `runs` names a scheduled worker the stretch runs itself (the month-end run).
 */
async function usageWhile(stack: OfflineStack, meter: InvocationMeter, work: () => Promise<void>, runs?: string) {
  meter.clear();
  const eventsBefore = stack.eventsPublished();
  const mailsBefore = new Set(stack.mailbox.list().map((m) => m.id));
  const historyBefore = new Map(
    stack.workflows
      .executions()
      .map((e) => [e.executionArn, stack.workflows.execution(e.executionArn)?.history.length]),
  );
  await work();
  await stack.settle();

  const counts: Counts = { functions: {}, transitions: {}, executions: {} };
  const periodic: Counts = {};
  for (const invocation of meter.invocations) {
    if (scheduled.has(invocation.function) && invocation.function !== runs) {
      addScaled(periodic, { [invocation.function]: 1 }, 1);
      continue;
    }
    const ms = invocation.endedAt - invocation.startedAt;
    const capacity = invocation.calls.reduce(
      (total, call) => ({ read: total.read + call.readUnits, write: total.write + call.writeUnits }),
      { read: 0, write: 0 },
    );
    addScaled(
      counts.functions as Counts,
      {
        [invocation.function]: {
          invocations: 1,
          ms,
          gbSeconds: (ms / 1000) * memoryGb(invocation.function),
          tableRequests: invocation.calls.length,
          readUnits: capacity.read,
          writeUnits: capacity.write,
        },
      },
      1,
    );
  }
  const executions: { stateMachine: string; status: string; currentStates: string[] }[] = [];
  for (const summary of stack.workflows.executions()) {
    const { executionArn, stateMachine } = summary;
    const history = stack.workflows.execution(executionArn)?.history ?? [];
    const entered = history.slice(historyBefore.get(executionArn) ?? 0);
    for (const transition of entered) {
      if (transition.event !== 'Entered' && transition.event !== 'Retried') continue;
      addScaled(counts.transitions as Counts, { [stateMachine]: { [transition.state]: 1 } }, 1);
    }
    if (!historyBefore.has(executionArn)) {
      addScaled(counts.executions as Counts, { [stateMachine]: 1 }, 1);
      executions.push({ stateMachine, status: summary.status, currentStates: summary.currentStates });
    }
  }
  const mails = stack.mailbox.list().filter((m) => !mailsBefore.has(m.id));
  counts.events = stack.eventsPublished() - eventsBefore;
  counts.messages = mails.length;
  counts.recipients = mails.reduce((total, m) => total + m.to.length, 0);
  counts.attachmentBytes = mails.reduce(
    (total, m) => total + [...(m.attachments ?? []), ...(m.inline ?? [])].reduce((b, a) => b + a.size, 0),
    0,
  );
  return { counts, executions, periodic };
}

/** The quantities each price applies to, per order. */
function billed(perOrder: Counts) {
  const functions = perOrder.functions as Record<string, Counts>;
  const total = (field: string) => Object.values(functions).reduce((t, f) => t + ((f[field] as number) ?? 0), 0);
  const apiRequests = Object.entries(functions)
    .filter(([name]) => routeNames.has(name))
    .reduce((t, [, f]) => t + (f.invocations as number), 0);
  const quantities: Record<PriceName, number> = {
    stateTransitions: sum(perOrder.transitions as Counts),
    lambdaRequests: total('invocations'),
    lambdaArmGbSecond: total('gbSeconds'),
    writeRequestUnits: total('writeUnits'),
    readRequestUnits: total('readUnits'),
    customEvents: perOrder.events as number,
    emails: perOrder.recipients as number,
    attachmentGb: (perOrder.attachmentBytes as number) / 1024 ** 3,
    apiRequests,
  };
  const lines = (Object.keys(quantities) as PriceName[]).map((name) => {
    const price = priceList.prices[name];
    const perOrderUsd = dollars(name, quantities[name]);
    return {
      item: name,
      perOrder: quantities[name],
      price: `$${price.usd} / ${price.per.toLocaleString('en-US')} ${price.unit}`,
      usdPerOrder: perOrderUsd,
      usdPer1000Orders: perOrderUsd * 1000,
    };
  });
  return { lines, usdPer1000Orders: lines.reduce((t, l) => t + l.usdPer1000Orders, 0) };
}

/** A customer settling monthly (R9): its orders ask no deposit and no balance. */
const customerCode = '003';

const noBusinessStep = new Set(['Choice', 'Pass', 'Succeed', 'Fail']);

/** Per workflow: transitions per order, every state entered, most first (with its type), and the share of plumbing. */
function statesByWorkflow(perOrder: Counts) {
  return Object.entries(perOrder.transitions as Record<string, Record<string, number>>)
    .map(([workflow, states]) => {
      const types = stateTypes.get(workflow);
      const entered = Object.entries(states)
        .map(([state, count]) => ({ state, type: types?.get(state) ?? '?', count }))
        // Ties keep the order the states were first entered in: the path through the workflow.
        .sort((a, b) => b.count - a.count);
      const total = entered.reduce((t, s) => t + s.count, 0);
      const plumbing = entered.filter((s) => noBusinessStep.has(s.type)).reduce((t, s) => t + s.count, 0);
      return { workflow, transitionsPerOrder: total, choicePassSucceedFail: plumbing, entered };
    })
    .sort((a, b) => b.transitionsPerOrder - a.transitionsPerOrder);
}

const r3 = (value: number) => Math.round(value * 1000) / 1000;
const rounded = (counts: Counts): Counts =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, typeof v === 'number' ? r3(v) : rounded(v)]));

/** How the executions started in a stretch stood at its end: RUNNING ones wait (their later transitions are not counted). */
function outcomes(executions: { stateMachine: string; status: string; currentStates: string[] }[]) {
  const by: Counts = {};
  for (const { stateMachine, status, currentStates } of executions) {
    const outcome = status === 'RUNNING' ? `RUNNING at ${currentStates.join(', ')}` : status;
    addScaled(by, { [stateMachine]: { [outcome]: 1 } }, 1);
  }
  return by as Record<string, Record<string, number>>;
}

/**
 * N happy-path orders of a monthly-settlement customer (bench/cost-orders.ts, a process of its own as the demos are)
 * against one metered offline stack, after a warm-up order; then the month-end run and the customer confirming its
 * statement, shared out over the orders the statement lists. Everything per order, priced at AWS list prices.
 */
export async function measureCost({
  dynamoDbEndpoint,
  orders,
  log,
}: {
  dynamoDbEndpoint?: string;
  orders: number;
  log: (line: string) => void;
}) {
  const meter = invocationMeter();
  const startedAt = Date.now();
  return await withDemoStack({ dynamoDbEndpoint, meter }, async ({ stack, run }) => {
    const scenario = async (what: string, args: string[]) => {
      log(`cost: ${what}…`);
      const { code, output } = await run(process.execPath, ['bench/cost-orders.ts', ...args]);
      if (code !== 0) throw new Error(`bench/cost-orders.ts ${args.join(' ')} failed:\n${output.slice(-3000)}`);
    };
    // The customer's onboarding review if it still waits (R10), the first import of every handler: not an order's.
    await usageWhile(stack, meter, () =>
      scenario('a warm-up order', ['--customer', customerCode, '--orders', '1', '--po', 'WARM']),
    );
    const ordered = await usageWhile(stack, meter, () =>
      scenario(`${orders} order(s), placed to signed for`, ['--customer', customerCode, '--orders', String(orders)]),
    );
    const stated = await usageWhile(
      stack,
      meter,
      () => scenario('the month-end statement', ['--customer', customerCode, '--statement']),
      'month-end',
    );

    const finance = demoUsers.find((user) => user.role === 'finance');
    const token = await stack.idp.issue({ role: 'finance', email: finance?.email ?? '' });
    const { month } = monthEnd();
    const statementId = `ST${month.replace('-', '')}-${customerCode}`;
    const statement = (await (
      await fetch(`${stack.url}/statements/${statementId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { status?: string; lines?: { kind: string }[] };
    const ordersStated = statement.lines?.filter((line) => line.kind === 'delivery-note').length ?? 0;
    if (!ordersStated) throw new Error(`the statement ${statementId} lists no delivery note`);

    const perOrder = addScaled({}, ordered.counts, 1 / orders);
    addScaled(perOrder, stated.counts, 1 / ordersStated);
    const functions = Object.entries(perOrder.functions as Record<string, Record<string, number>>)
      .map(([name, f]) => ({
        function: name,
        kind: routeNames.has(name) ? 'route' : 'worker',
        memoryMb: routeNames.has(name) ? functionMemoryMb.route : functionMemoryMb.worker,
        invocations: r3(f.invocations ?? 0),
        msMean: r3((f.ms ?? 0) / (f.invocations || 1)),
        gbSeconds: r3(f.gbSeconds ?? 0),
        tableRequests: r3(f.tableRequests ?? 0),
        readUnits: r3(f.readUnits ?? 0),
        writeUnits: r3(f.writeUnits ?? 0),
      }))
      .sort((a, b) => b.invocations - a.invocations || a.function.localeCompare(b.function));
    return {
      scenario: `customer ${customerCode} (monthly settlement, R9: no deposit, no balance), 20 handle sets an order: placed, intake from the e-mailed links (F1), production finished, stock-prep form, its approval, picking, delivery note issued and signed, shipped (R17–R22), signed for from the link (R23); then the month-end statement (R38) confirmed from its link, shared out over the orders it lists`,
      orders,
      ordersStated,
      statementStatus: statement.status,
      seconds: Math.round((Date.now() - startedAt) / 1000),
      prices: priceList,
      perOrder: rounded(perOrder),
      statementShare: rounded(addScaled({}, stated.counts, 1 / ordersStated)),
      functions,
      bill: billed(perOrder),
      states: statesByWorkflow(perOrder),
      executions: outcomes([...ordered.executions, ...stated.executions]),
      /** Invocations left out: scheduled workers running on their own clock during the run (a fixed cost). */
      periodic: addScaled(addScaled({}, ordered.periodic, 1), stated.periodic, 1) as Record<string, number>,
    };
  });
}
