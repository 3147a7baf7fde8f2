import { once } from 'node:events';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createCustomer, getCustomer } from '../functions/customers/routes.ts';
import { routes } from '../functions/routes.ts';
import { demoDirectory, loadDemoStaff } from '../scripts/offline/demo-data.ts';
import { createGateway } from '../scripts/offline/gateway.ts';
import { invokerFor } from '../scripts/offline/invoke.ts';
import { startOfflineStack } from '../scripts/offline/stack.ts';
import type { LocalIdentityProvider } from '../scripts/offline/tokens.ts';
import { ulidIds } from '../shared/adapters/ids.ts';
import { openCustomer } from '../shared/domain/customer.ts';
import type { TablePort } from '../shared/ports/index.ts';
import { bindPorts, port } from '../shared/runtime.ts';
import { CustomerIdParams, NewCustomer } from '../shared/schemas/customer.ts';
import { settleWithin } from './latency.ts';
import { benchUser, createEvent, expectStatus, getEvent, httpClient, newCustomerBody } from './operations.ts';
import { type Summary, summarize } from './stats.ts';

export type Part = { part: string; what: string } & Summary;

/** The stretches of one request through the offline gateway, in the order they happen. */
const segments = [
  ['client → gateway', 'the HTTP client sends, the gateway server parses, until its request handler runs'],
  ['routing', 'route matching, until the JWT check starts'],
  ['JWT check', 'LocalIdentityProvider.verify (jose jwtVerify, RS256, WebCrypto)'],
  ['body + event', 'reading the body and building the API Gateway event'],
  ['handler code', 'the handler minus its DynamoDB call: middy, roles, zod, domain, JSON'],
  ['DynamoDB call', 'the handler’s one DynamoDB call (document client → DynamoDB Local)'],
  ['gateway → client', 'writing the result, the client reading the whole answer'],
  ['total', 'the whole request as the client sees it'],
] as const;
type Segment = (typeof segments)[number][0];

/**
 * The gateway path in place, cut into stretches: a second gateway built from the offline stack's own
 * createGateway, whose identity provider, invoker and table port are wrapped with clocks. It runs against its
 * own table and stack: `count` POSTs, which settle the stack after each request (unmeasured) as in the latency
 * run, then 3 × `count` GETs.
 */
export async function measureGatewaySegments({
  root,
  endpoint,
  runId,
  mailDir,
  count,
  warmup,
}: {
  root: string;
  endpoint: string;
  runId: string;
  mailDir: string;
  count: number;
  warmup: number;
}) {
  if (count + warmup > 999) throw new Error('at most 999 customers (codes) in one table');
  const stack = await startOfflineStack({
    root,
    dynamoDbEndpoint: endpoint,
    mailDir,
    tableName: `bench-${runId}-parts`,
  });
  await loadDemoStaff({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const marks = { start: 0, request: 0, verifyStart: 0, verifyEnd: 0, invokeStart: 0, invokeEnd: 0, dynamoMs: 0 };

  const table = port('table');
  const timedTable: TablePort = {
    name: table.name,
    client: {
      send: async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
        const start = performance.now();
        try {
          return await table.client.send(command);
        } finally {
          marks.dynamoMs += performance.now() - start;
        }
      },
    } as unknown as DynamoDBDocumentClient,
  };
  bindPorts({ table: timedTable });
  const idp: LocalIdentityProvider = {
    issue: (request) => stack.idp.issue(request),
    async verify(token) {
      marks.verifyStart = performance.now();
      try {
        return await stack.idp.verify(token);
      } finally {
        marks.verifyEnd = performance.now();
      }
    },
  };
  const invoke = invokerFor(root);
  const gateway = createGateway({
    routes,
    idp,
    invoke: async (handler, event) => {
      marks.invokeStart = performance.now();
      try {
        return await invoke(handler, event);
      } finally {
        marks.invokeEnd = performance.now();
      }
    },
    pages: async () => undefined,
  });
  gateway.prependListener('request', () => {
    marks.request = performance.now();
  });
  gateway.listen(0, '127.0.0.1');
  await once(gateway, 'listening');
  const http = httpClient(`http://127.0.0.1:${(gateway.address() as { port: number }).port}`);

  const measure = async (call: () => Promise<void>, into: Record<Segment, number[]>, keep: boolean) => {
    marks.dynamoMs = 0;
    marks.start = performance.now();
    await call();
    const end = performance.now();
    if (!keep) return;
    const handlerMs = marks.invokeEnd - marks.invokeStart;
    into['client → gateway'].push(marks.request - marks.start);
    into.routing.push(marks.verifyStart - marks.request);
    into['JWT check'].push(marks.verifyEnd - marks.verifyStart);
    into['body + event'].push(marks.invokeStart - marks.verifyEnd);
    into['handler code'].push(handlerMs - marks.dynamoMs);
    into['DynamoDB call'].push(marks.dynamoMs);
    into['gateway → client'].push(end - marks.invokeEnd);
    into.total.push(end - marks.start);
  };
  const empty = () => Object.fromEntries(segments.map(([name]) => [name, [] as number[]])) as Record<Segment, number[]>;
  const post = empty();
  const get = empty();
  try {
    const token = await stack.idp.issue({ role: benchUser.role, email: benchUser.email });
    const ids: string[] = [];
    for (let i = 0; i < warmup + count; i++) {
      const body = JSON.stringify(newCustomerBody(i + 1));
      await measure(
        async () => {
          const answer = await http.call('POST', '/customers', { token, body });
          expectStatus('segments: POST /customers', answer.status, 201, answer.body);
          ids.push(JSON.parse(answer.body).id);
        },
        post,
        i >= warmup,
      );
      await settleWithin(stack, 10_000);
    }
    // GETs are cheap and settle nothing: three times as many.
    for (let i = 0; i < warmup + 3 * count; i++) {
      await measure(
        async () => {
          const answer = await http.call('GET', `/customers/${ids[i % ids.length]}`, { token });
          expectStatus('segments: GET /customers/{id}', answer.status, 200, answer.body);
        },
        get,
        i >= warmup,
      );
    }
  } finally {
    http.close();
    gateway.closeAllConnections();
    await new Promise((done) => gateway.close(done));
    bindPorts({ table });
    await settleWithin(stack, 30_000);
    await stack.stop();
  }
  const rows = (samples: Record<Segment, number[]>) =>
    segments.map(([segment, what]) => ({ segment, what, ...summarize(samples[segment]) }));
  return { 'POST /customers': rows(post), 'GET /customers/{id}': rows(get) };
}

async function series(count: number, fn: () => unknown): Promise<Summary> {
  for (let i = 0; i < Math.min(200, count); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * CPU cost of the handler code alone, in a hot loop: the table port is bound to a stub that answers at once, so
 * what is left is middy, the role check, zod, the domain and JSON; and some of those pieces alone. Binds the
 * process's ports: run it when no offline stack is running.
 */
export async function measureHandlerCpu(root: string, count: number): Promise<Part[]> {
  const body = newCustomerBody(8);
  const text = JSON.stringify(body);
  const now = new Date();
  const directory = demoDirectory(now, ulidIds.next);
  const owner = directory.find((person) => person.email === body.accountOwner)?.id ?? '';
  const team = { merchandiserEmail: body.accountOwner, salesManagerEmail: benchUser.email };
  const { customer } = openCustomer({ ...NewCustomer.parse(body), accountOwner: owner }, team, {
    now: now.toISOString(),
    actor: benchUser.email,
    newId: ulidIds.next,
  });
  const item = { pk: `CUSTOMER#${customer.id}`, sk: 'CUSTOMER', entity: 'customer', ...customer };
  const staffItems = directory.map((person) => ({ pk: 'STAFF', sk: `STAFF#${person.id}`, entity: 'staff', ...person }));
  // A GetCommand carries a Key in its input and gets the item; the directory's Query gets the demo company; the
  // TransactWriteCommand gets an empty answer.
  const stub = {
    send: async ({ input }: { input: Record<string, unknown> }) =>
      'Key' in input ? { Item: item } : 'KeyConditionExpression' in input ? { Items: staffItems } : {},
  };
  bindPorts({ table: { client: stub as unknown as DynamoDBDocumentClient, name: 'stub' } });
  const invoke = invokerFor(root);
  const claims = { sub: benchUser.email, email: benchUser.email, 'cognito:groups': `[${benchUser.role}]` };
  const get = getEvent(customer.id, claims);
  const create = createEvent(8, claims);
  return [
    {
      part: 'getCustomer handler',
      what: 'the whole handler with the table stubbed (middy, roles, zod params, JSON)',
      ...(await series(count, async () => {
        const result = (await invoke(getCustomer.handler, get)) as APIGatewayProxyStructuredResultV2;
        expectStatus('stubbed getCustomer', result.statusCode ?? 0, 200, result.body);
      })),
    },
    {
      part: 'createCustomer handler',
      what: 'the whole handler with the table stubbed (middy, roles, zod body, domain, items, JSON)',
      ...(await series(count, async () => {
        const result = (await invoke(createCustomer.handler, create)) as APIGatewayProxyStructuredResultV2;
        expectStatus('stubbed createCustomer', result.statusCode ?? 0, 201, result.body);
      })),
    },
    {
      part: 'zod NewCustomer',
      what: 'JSON.parse + NewCustomer.safeParse of a POST body',
      ...(await series(count, () => NewCustomer.safeParse(JSON.parse(text)))),
    },
    {
      part: 'zod CustomerIdParams',
      what: 'CustomerIdParams.safeParse of the path parameters',
      ...(await series(count, () => CustomerIdParams.safeParse({ id: customer.id }))),
    },
    {
      part: 'API Gateway event',
      what: 'the offline gateway building the event for a POST',
      ...(await series(count, () => createEvent(8, claims))),
    },
  ];
}
