import { routes } from '../functions/routes.ts';
import { workers } from '../functions/workers.ts';
import { contractScripts, demos, runContract } from '../scripts/contract.ts';
import { type Invocation, invocationMeter, roundTrips, type TableCall } from '../scripts/offline/meter.ts';

/** A read route answers in one round trip; a write reads in at most one round, then writes once (its transaction). */
export const roundTripTargets = { readDepth: 1, readRoundsBeforeWrite: 1, writeRequests: 1 };

const round = (value: number) => Math.round(value * 100) / 100;
const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : 0);
const max = (values: number[]) => Math.max(0, ...values);

/**
 * An invocation's requests round by round, as the caller waits for them: `GetItem + Query → TransactWriteItems`
 * (requests sent together joined by +, a failed one marked ✗ with its error).
 */
export function rounds(calls: readonly TableCall[]) {
  const byStart = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const level: number[] = [];
  for (const [i, call] of byStart.entries()) {
    const before = byStart.slice(0, i).map((c, j) => (c.endedAt <= call.startedAt ? (level[j] ?? 0) : 0));
    level.push(Math.max(0, ...before) + 1);
  }
  const named = (call: TableCall) => (call.error ? `${call.command} ✗${call.error}` : call.command);
  return Array.from({ length: Math.max(0, ...level) }, (_, round) =>
    byStart
      .filter((_, i) => level[i] === round + 1)
      .map(named)
      .join(' + '),
  ).join(' → ');
}

/** What the invocations of one function asked of DynamoDB, request by request. */
function summary(invocations: readonly Invocation[]) {
  const trips = invocations.map((invocation) => roundTrips(invocation.calls));
  return {
    requests: { mean: mean(trips.map((t) => t.total)), max: max(trips.map((t) => t.total)) },
    depth: { mean: mean(trips.map((t) => t.depth)), max: max(trips.map((t) => t.depth)) },
    readRoundsBeforeWrite: { max: max(trips.map((t) => t.readRoundsBeforeWrite)) },
    writeRequests: { max: max(trips.map((t) => t.writes)) },
    writeUnits: { mean: mean(trips.map((t) => t.writeUnits)) },
    readUnits: { mean: mean(trips.map((t) => t.readUnits)) },
    retries: trips.reduce((sum, t) => sum + t.retries, 0),
    failed: trips.reduce((sum, t) => sum + t.failed, 0),
  };
}

export type RouteRoundTrips = {
  operationId: string;
  method: string;
  path: string;
  kind: 'read' | 'write';
  /** Answers seen: 2xx (the measure), 4xx (failed validation or a rule: fewer requests), other (5xx, thrown). */
  seen: { ok: number; clientErrors: number; other: number };
  /** Over the 2xx answers; absent when the route never answered 2xx. */
  ok?: ReturnType<typeof summary>;
  /** Whether its 2xx answers kept to the target; absent when not exercised with a 2xx. */
  pass?: boolean;
  /** What missed, in words. */
  misses?: string[];
  /** The requests of its deepest 2xx request, round by round (see `rounds`). */
  deepest?: string;
};

function judge(kind: RouteRoundTrips['kind'], ok: ReturnType<typeof summary>) {
  const misses: string[] = [];
  if (kind === 'read' && ok.depth.max > roundTripTargets.readDepth) {
    misses.push(`sequential depth ${ok.depth.max} > ${roundTripTargets.readDepth}`);
  }
  if (kind === 'write' && ok.readRoundsBeforeWrite.max > roundTripTargets.readRoundsBeforeWrite) {
    misses.push(
      `${ok.readRoundsBeforeWrite.max} read rounds before the write > ${roundTripTargets.readRoundsBeforeWrite}`,
    );
  }
  if (kind === 'write' && ok.writeRequests.max > roundTripTargets.writeRequests) {
    misses.push(`${ok.writeRequests.max} write requests > ${roundTripTargets.writeRequests}`);
  }
  return misses;
}

/** Per route of functions/routes.ts (every one, exercised or not) and per worker, from the metered invocations. */
export function summarizeRoundTrips(invocations: readonly Invocation[]) {
  const byFunction = Map.groupBy(invocations, (invocation) => invocation.function);
  const routeRows: RouteRoundTrips[] = routes.map((route) => {
    const seen = byFunction.get(route.operationId) ?? [];
    const ok = seen.filter((i) => i.status !== undefined && i.status >= 200 && i.status < 300);
    const clientErrors = seen.filter((i) => i.status !== undefined && i.status >= 400 && i.status < 500).length;
    const kind = route.method === 'GET' ? 'read' : 'write';
    const row: RouteRoundTrips = {
      operationId: route.operationId,
      method: route.method,
      path: route.path,
      kind,
      seen: { ok: ok.length, clientErrors, other: seen.length - ok.length - clientErrors },
    };
    if (!ok.length) return row;
    const measured = summary(ok);
    const misses = judge(kind, measured);
    const deepest = ok.reduce((a, b) => (roundTrips(b.calls).depth > roundTrips(a.calls).depth ? b : a));
    return {
      ...row,
      ok: measured,
      pass: misses.length === 0,
      ...(misses.length ? { misses } : {}),
      deepest: rounds(deepest.calls),
    };
  });
  const workerRows = workers.map((worker) => {
    const seen = byFunction.get(worker.name) ?? [];
    return {
      name: worker.name,
      invocations: seen.length,
      threw: seen.filter((i) => i.threw).length,
      ...(seen.length ? { all: summary(seen) } : {}),
    };
  });
  return { routes: routeRows, workers: workerRows };
}

/**
 * The README's tour and the demos (all, or those named; after all of them scripts/every-route.ts) against one
 * metered offline stack, as `npm run contract` runs them: every invocation's DynamoDB requests, summed up per route
 * and per worker.
 */
export async function measureRoundTrips({
  dynamoDbEndpoint,
  demos: scripts = demos,
  log,
}: {
  dynamoDbEndpoint?: string;
  demos?: readonly string[];
  log: (line: string) => void;
}) {
  const meter = invocationMeter();
  const startedAt = Date.now();
  const afterDemos = contractScripts(scripts).slice(scripts.length);
  log(
    `round trips: the README tour, ${scripts.length} demo(s)${afterDemos.map((s) => `, ${s}`).join('')} on a metered stack…`,
  );
  const { responses, failures } = await runContract({ dynamoDbEndpoint, meter, demos: scripts });
  const summarized = summarizeRoundTrips(meter.invocations);
  const exercised = summarized.routes.filter((r) => r.pass !== undefined);
  return {
    tour: 'README.md "A five-minute tour"',
    demos: [...scripts],
    /** Run after the demos when all of them ran: scripts/every-route.ts, every route they leave unasked. */
    afterDemos,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    responses,
    invocations: meter.invocations.length,
    /** Requests outside any invocation (the stack's own). */
    unattributedRequests: meter.unattributed.length,
    /** A step that did not finish leaves routes unexercised: its output's end tells why. */
    failures: failures.map((f) => ({ what: f.what, output: f.output.slice(-2000) })),
    exercisedRoutes: exercised.length,
    missedRoutes: exercised.filter((r) => !r.pass).length,
    ...summarized,
  };
}
