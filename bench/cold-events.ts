import { randomBytes } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { routes } from '../functions/routes.ts';
import { demoPeople, demoUsers } from '../scripts/offline/demo-data.ts';
import { toLambdaRecord } from '../scripts/offline/stream.ts';
import { ulidIds } from '../shared/adapters/ids.ts';
import { busEnvelope } from '../shared/adapters/local/bus.ts';
import { concludeOnboarding } from '../shared/domain/customer.ts';
import type { Role } from '../shared/domain/roles.ts';
import type { RouteDefinition } from '../shared/http/route.ts';
import { sesBounceEvent } from '../shared/schemas/ses-event.ts';
import { schedules } from '../state-machines/schedules.ts';
import { generatedEvents } from '../test/report-events.ts';
import type { FunctionEntry } from './bundle-size.ts';
import type { ColdTable } from './cold-start.ts';
import { apiGatewayEvent } from './operations.ts';
import { smallestOf } from './sample.ts';

/** An id of the right shape that names nothing in the table. */
const nobody = (prefix: string) => `${prefix}_${'0'.repeat(26)}`;

/**
 * Where the smallest body a route's schema takes is refused by a refinement JSON Schema does not state ("must change
 * at least one field"), what the route gets on top of it.
 */
const bodyAdditions: Record<string, object> = {
  updateCustomer: { name: 'Bench' },
  changeProduct: { name: 'Bench' },
  changeStaff: { name: 'Bench' },
  requestChange: { requestedDate: new Date().toISOString().slice(0, 10) },
  recordInvoice: { amount: 1 },
  finishProduction: { delivery: 1 },
  // Optional in the schema for a customer's user, who orders for their own customer; staff name it.
  placeOrder: { customerId: nobody('cus') },
};

/** Path and query values the schemas' patterns say too little about. */
const fieldValues: Record<string, string> = {
  // The links' secrets are 43 characters of base64url (shared/domain/named-links.ts linkSecretPattern): a made-up one.
  link: randomBytes(32).toString('base64url'),
  month: new Date().toISOString().slice(0, 7),
};

function valid(route: RouteDefinition, part: 'params' | 'query' | 'body', value: unknown) {
  const result = route[part]?.safeParse(value);
  if (result && !result.success) {
    throw new Error(
      `${route.operationId}: the benchmark's ${part} is refused (${result.error.issues[0]?.message}); give it what it needs in bench/cold-events.ts`,
    );
  }
  return value as Record<string, string>;
}

const withFieldValues = (value: unknown) =>
  Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, v]) => [name, fieldValues[name] ?? String(v)]),
  );

/** The route's request as API Gateway would pass it, for ids that don't exist: it is parsed, authorized, looked up. */
function routeRequest(route: RouteDefinition) {
  const params = valid(route, 'params', route.params ? withFieldValues(smallestOf(route.params)) : {});
  const query = valid(route, 'query', route.query ? withFieldValues(smallestOf(route.query)) : {});
  const smallest = route.body && { ...(smallestOf(route.body) as object), ...bodyAdditions[route.operationId] };
  // A change names the version it was made to (If-Match or `version`), or is refused with 428 before any read.
  const versioned = smallest && { ...smallest, version: 1 };
  const body = route.body && valid(route, 'body', route.body.safeParse(versioned).success ? versioned : smallest);
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = new URLSearchParams(query).toString();
  return { path: search ? `${path}?${search}` : path, pathParameters: params, body };
}

/** The first staff role a route allows (a customer's user only where no staff may call it). */
const callerRole = (route: RouteDefinition): Role | undefined =>
  route.access === 'public' ? undefined : (route.access.roles.find((r) => r !== 'customer') ?? 'customer');

/**
 * The event each function gets for its first invocation, by function name: what would set it off on AWS, about
 * something that does not exist (or, for what a domain event sets off, the seeded customer's events, an order
 * placed). Routes: an API Gateway event with a staff role's claims, path ids that name nothing, the smallest valid
 * body; link pages a made-up link. Workers: a stream record, an EventBridge envelope, a workflow task's input or a
 * schedule's.
 */
export async function coldEvents(table: ColdTable, functions: FunctionEntry[]) {
  const { seeded } = table;
  const claimsOf = new Map<Role, Record<string, unknown>>();
  for (const { role, email } of demoUsers) {
    const customerId = role === 'customer' ? seeded.customer.id : undefined;
    claimsOf.set(role, await table.claims({ role, email, customerId }));
  }
  const now = new Date().toISOString();
  const team = { merchandiserEmail: demoPeople.merchandiser, salesManagerEmail: demoPeople.salesManager };
  const decided = { outcome: 'active', decidedBy: demoPeople.merchandiser, decidedAt: now } as const;
  const context = { now, actor: demoPeople.merchandiser, newId: ulidIds.next };
  const activated = concludeOnboarding(seeded.customer, decided, team, context).event;
  // The report figures' rules deliver only the events they count (an order placed, here).
  const [counted] = generatedEvents({ orders: 1, customers: 1, month: now.slice(0, 7) });
  const correlationId = 'bench';
  const execution = 'arn:aws:states:local:000000000000:execution:customer-onboarding:bench';
  const load = (ids: Record<string, string | number>) => ({ action: 'load', correlationId, ...ids });

  const workers: Record<string, () => unknown> = {
    'publish-events': () => ({
      Records: [
        toLambdaRecord(
          {
            eventID: '1',
            eventName: 'INSERT',
            dynamodb: {
              Keys: marshall({ pk: seeded.outboxItem?.pk, sk: seeded.outboxItem?.sk }),
              NewImage: marshall(seeded.outboxItem ?? {}, { removeUndefinedValues: true }),
              SequenceNumber: '1',
              StreamViewType: 'NEW_AND_OLD_IMAGES',
            },
          },
          table.streamArn,
        ),
      ],
    }),
    notify: () => busEnvelope(seeded.event),
    'start-workflows': () => busEnvelope(seeded.event),
    'report-figures': () => counted && busEnvelope(counted),
    'resume-waiters': () => activated && busEnvelope(activated),
    'mail-feedback': () =>
      sesBounceEvent({ id: 'bench', messageId: 'bench-message', recipients: [demoPeople.merchandiser], time: now }),
    'request-approval': () => ({
      taskToken: 'bench-task-token',
      correlationId,
      flow: 'customer-onboarding',
      step: 'merchandiser-review',
      ask: 'Customer onboarding review (R10 checklist)',
      subject: { kind: 'customer', id: nobody('cus'), title: 'Bench' },
      execution,
      role: 'merchandiser',
      approver: { rule: 'account-owner', staff: demoPeople.merchandiser },
      facts: [],
      reminder: 0,
      expiresInSeconds: 172800,
    }),
    'step-failed': () => ({
      taskToken: 'bench-task-token',
      correlationId,
      flow: 'customer-onboarding',
      state: 'LoadCustomer',
      subject: { kind: 'customer', id: nobody('cus') },
      execution,
      error: { Error: 'States.TaskFailed', Cause: 'bench' },
      expiresInSeconds: 604800,
    }),
    // Each workflow's first step: load its subject.
    'customer-onboarding': () => load({ customerId: nobody('cus') }),
    'customer-terms-change': () => load({ customerId: nobody('cus'), termsChangeId: nobody('tch') }),
    'order-intake': () => load({ orderId: nobody('ord') }),
    'order-change': () => load({ orderId: nobody('ord'), changeRequestId: nobody('chg') }),
    'order-cancellation': () => load({ orderId: nobody('ord'), cancellationId: nobody('cnl') }),
    shipping: () => load({ orderId: nobody('ord'), delivery: 1 }),
    complaint: () => load({ complaintId: nobody('cmp') }),
    return: () => load({ returnId: nobody('ret') }),
    statement: () => load({ statementId: `ST${now.slice(0, 4)}${now.slice(5, 7)}-000` }),
    quotation: () => load({ quotationId: nobody('quo') }),
    'ledger-adjustment': () => load({ customerId: nobody('cus'), adjustmentId: nobody('adj') }),
  };

  const routeOf = new Map<string, RouteDefinition>(routes.map((route) => [route.operationId, route]));
  const eventOf = (entry: FunctionEntry): (() => unknown) => {
    const route = routeOf.get(entry.name);
    if (entry.kind === 'route' && route) {
      const request = routeRequest(route);
      const role = callerRole(route);
      return () => apiGatewayEvent(route, { ...request, claims: role && claimsOf.get(role) });
    }
    const worker = workers[entry.name];
    if (worker) return worker;
    // A scheduled worker gets what its schedule sends: the schedule's name and its nominal time.
    const schedule = schedules.find((s) => s.target.worker === entry.name);
    if (schedule) return () => ({ schedule: schedule.name, scheduledTime: new Date().toISOString() });
    throw new Error(`${entry.name}: no event for its cold start; give it one in bench/cold-events.ts`);
  };
  return new Map(functions.map((entry) => [entry.name, eventOf(entry)]));
}
