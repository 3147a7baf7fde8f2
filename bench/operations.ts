import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:http';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { createCustomer, getCustomer } from '../functions/customers/routes.ts';
import { demoPeople } from '../scripts/offline/demo-data.ts';
import { toApiGatewayEvent } from '../scripts/offline/gateway.ts';
import { ulidIds } from '../shared/adapters/ids.ts';
import { openCustomer } from '../shared/domain/customer.ts';
import type { RouteDefinition } from '../shared/http/route.ts';
import { customerKeys } from '../shared/persistence/customers.ts';
import { outboxItem } from '../shared/persistence/outbox.ts';
import { NewCustomer } from '../shared/schemas/customer.ts';

/** The user every benchmark request runs as: a merchandiser may both create and read customers. */
export const benchUser = { role: 'merchandiser', email: 'bench.merchandiser@example.com' } as const;

/** A valid new customer with the given (unique per table) code, 1–999. */
export function newCustomerBody(code: number) {
  if (!Number.isInteger(code) || code < 1 || code > 999) throw new Error(`customer code ${code} is out of range`);
  return {
    code: String(code).padStart(3, '0'),
    name: `Bench Customer ${code}`,
    contacts: [{ name: 'Li Wei', email: 'li.wei@bench.example', language: 'zh-CN' }],
    addresses: [{ label: 'Office', lines: ['88 Industrial Road'], city: 'Foshan', country: 'CN' }],
    region: 'CN',
    currency: 'CNY',
    settlement: { type: 'deposit', depositPercent: 30 },
    accountOwner: demoPeople.merchandiser,
  };
}

/**
 * The one TransactWriteItems that `POST /customers` does (see shared/persistence/customers.ts and write.ts),
 * with the same three items and conditions: the code's guard item, the customer item and the outbox event.
 * Built before the clock starts, so the raw baseline times the DynamoDB call alone.
 */
export function rawCreateCommand(tableName: string, code: number, actor: string = benchUser.email) {
  const now = new Date();
  const body = NewCustomer.parse(newCustomerBody(code));
  // The account owner's id as the handler would resolve it; any staff id makes the same item sizes.
  const team = { merchandiserEmail: demoPeople.merchandiser, salesManagerEmail: demoPeople.salesManager };
  const { customer, event } = openCustomer({ ...body, accountOwner: `stf_${ulidIds.next()}` }, team, {
    now: now.toISOString(),
    actor,
    newId: ulidIds.next,
  });
  const outbox = outboxItem(event).item.Put;
  if (!outbox) throw new Error('outbox item is not a Put');
  const command = new TransactWriteCommand({
    TransactItems: [
      {
        Put: {
          TableName: tableName,
          Item: { ...customerKeys.code(customer.code), entity: 'unique', customerId: customer.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: {
            ...customerKeys.item(customer.id),
            entity: 'customer',
            ...customerKeys.list,
            gsi1sk: customer.code,
            ...customer,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { ...outbox, TableName: tableName } },
    ],
  });
  return { customer, event, outboxItem: outbox.Item, command };
}

/** The one GetItem that `GET /customers/{id}` does. */
export const rawGetCommand = (tableName: string, id: string) =>
  new GetCommand({ TableName: tableName, Key: customerKeys.item(id) });

/**
 * The event API Gateway would hand the function for this request, built by the offline gateway's own code
 * (claims as the JWT authorizer passes them; none on a public route), for invoking a handler without HTTP.
 */
export function apiGatewayEvent(
  route: RouteDefinition,
  {
    path,
    pathParameters = {},
    body,
    form,
    claims,
  }: {
    path: string;
    pathParameters?: Record<string, string>;
    body?: unknown;
    /** A form posted as a browser posts it (form-encoded), instead of a JSON body. */
    form?: Record<string, string>;
    claims?: Record<string, unknown>;
  },
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const payload = form
    ? Buffer.from(new URLSearchParams(form).toString())
    : body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(JSON.stringify(body));
  const contentType = form ? formType : 'application/json';
  const fakeRequest = {
    headers: {
      host: '127.0.0.1',
      'user-agent': 'order-follow-up-bench',
      ...(payload.length ? { 'content-type': contentType, 'content-length': String(payload.length) } : {}),
    },
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as IncomingMessage;
  return toApiGatewayEvent(fakeRequest, new URL(path, 'http://127.0.0.1'), payload, { route, pathParameters }, claims);
}

export const createEvent = (code: number, claims: Record<string, unknown>) =>
  apiGatewayEvent(createCustomer, { path: '/customers', body: newCustomerBody(code), claims });

export const getEvent = (id: string, claims: Record<string, unknown>) =>
  apiGatewayEvent(getCustomer, { path: `/customers/${id}`, pathParameters: { id }, claims });

/** The content type of a form posted by a browser (an approval link's confirmation page). */
export const formType = 'application/x-www-form-urlencoded';

export type HttpAnswer = { status: number; body: string };

/**
 * A keep-alive HTTP client on one socket: sequential requests reuse the same loopback connection. With more sockets,
 * concurrent requests each get one (up to `maxSockets`).
 */
export function httpClient(baseUrl: string, maxSockets = 1) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    /** `body` is sent as is: serialize it before the clock starts. */
    call(
      method: string,
      path: string,
      {
        token,
        body,
        contentType = 'application/json',
        idempotencyKey,
      }: { token?: string; body?: string; contentType?: string; idempotencyKey?: string } = {},
    ) {
      const payload = body === undefined ? undefined : Buffer.from(body);
      return new Promise<HttpAnswer>((done, fail) => {
        const outgoing = request(
          {
            agent,
            hostname,
            port,
            method,
            path,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
              ...(payload ? { 'content-type': contentType, 'content-length': payload.length } : {}),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              done({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            );
            response.on('error', fail);
          },
        );
        outgoing.on('error', fail);
        outgoing.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** Fails loudly when a measured call did not do what it should: an error answer must never count as a sample. */
export function expectStatus(what: string, actual: number, expected: number, detail?: string) {
  if (actual !== expected)
    throw new Error(`${what}: expected ${expected}, got ${actual}${detail ? `: ${detail}` : ''}`);
}
