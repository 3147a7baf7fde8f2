import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { correlationHeader, correlationIdFrom, withCorrelationId } from '../correlation.ts';
import {
  Conflict,
  ContentTooLarge,
  DomainError,
  type FieldIssue,
  Forbidden,
  PreconditionRequired,
  ValidationFailed,
} from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';
import { logger } from '../observability.ts';
import { type Idempotency, IdempotentReplay, type StoredResponse } from '../persistence/write.ts';
import { hasAnyRole, principalFromClaims } from './auth.ts';
import { bodyBudget, type RouteDefinition } from './route.ts';

export { logger };

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type HttpRequest<R extends RouteDefinition> = {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  /** Who calls; public routes (approval links) have none. */
  principal: R['access'] extends 'public' ? undefined : Principal;
  headers: Record<string, string | undefined>;
  /**
   * On routes that honour Idempotency-Key: the record to store with the write, holding `response` for retries
   * (scoped to the route and the caller); undefined when the request carries no key.
   */
  idempotency(response: HttpResult): Idempotency | undefined;
  /** How long the function may still run, in ms (the Lambda context's): work that tries again stops in time to answer. */
  remainingMs(): number;
};

export type HttpResult = StoredResponse;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

export function issuesOf(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [path, key].filter(Boolean).join('.'),
        message: 'is not a known field',
      }));
    }
    return [{ field: path || 'body', message: issue.message }];
  });
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string) {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationFailed(issuesOf(result.error, part === 'body' ? '' : part));
  return result.data;
}

/** The body's size is checked before it is parsed: a route never holds more than its budget (shared/http/route.ts). */
function bodyOf(route: RouteDefinition, event: Event) {
  if (event.body === undefined || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  const budget = bodyBudget(route);
  if (raw.byteLength > budget) {
    throw new ContentTooLarge(`The body is ${raw.byteLength} bytes; this route takes at most ${budget} bytes.`, [
      { field: 'body', message: `is ${raw.byteLength} bytes, more than the budget of ${budget} bytes` },
    ]);
  }
  const text = raw.toString('utf8');
  if (event.headers?.['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationFailed([{ field: 'body', message: 'is not valid JSON' }]);
  }
}

const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{8,128}$/;

function idempotencyKeyOf(route: RouteDefinition, headers: Record<string, string | undefined>) {
  const key = headers['idempotency-key'];
  if (!route.idempotent || key === undefined) return undefined;
  if (!idempotencyKeyPattern.test(key)) {
    throw new ValidationFailed([
      { field: 'Idempotency-Key', message: 'must be 8–128 characters of letters, digits, ".", "_", ":" or "-"' },
    ]);
  }
  return key;
}

function authorize(route: RouteDefinition, event: Event): Principal | undefined {
  if (route.access === 'public') return undefined;
  const principal = principalFromClaims(event.requestContext.authorizer?.jwt?.claims);
  // Behind the JWT authorizer a protected route always has claims; their absence is a wiring fault.
  if (!principal) throw new Error('protected route called without JWT claims');
  if (!hasAnyRole(principal, route.access.roles)) {
    throw new Forbidden(`This needs one of the roles: ${route.access.roles.join(', ')}.`);
  }
  return principal;
}

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  body: body === undefined ? '' : JSON.stringify(body),
});

/** Pages (approval links) answer in HTML, and say nothing to caches or to other sites framing them. */
const html = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    ...headers,
  },
  body,
});

/** A file (a document's PDF, see negotiation.ts) goes base64-encoded, as API Gateway passes binary bodies on. */
const file = (status: number, body: Uint8Array, headers: Record<string, string> = {}) => ({
  statusCode: status,
  headers: { 'content-type': 'application/octet-stream', ...headers },
  body: Buffer.from(body).toString('base64'),
  isBase64Encoded: true,
});

const respond = (route: RouteDefinition, { status, body, headers }: HttpResult) =>
  body instanceof Uint8Array
    ? file(status, body, headers)
    : route.page
      ? html(status, String(body ?? ''), headers)
      : json(status, body, headers);

const titles: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, errors?: FieldIssue[]) {
  return json(status, {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(errors ? { errors } : {}),
  });
}

/**
 * Domain errors become problem details (or the route's error page); a retry becomes the first response;
 * anything else is a logged 500.
 */
const problemDetails = (route: RouteDefinition): middy.MiddlewareObj<Event, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const { error } = request;
    if (error instanceof IdempotentReplay) {
      const { status, body, headers } = error.response;
      request.response = respond(route, { status, body, headers: { ...headers, 'idempotent-replayed': 'true' } });
      return;
    }
    const known = error instanceof DomainError;
    if (!known) logger.error('unhandled error', { error: error as Error });
    const status = known ? error.status : 500;
    const detail = known ? error.message : 'Something went wrong on our side; it has been logged.';
    const errors = known ? error.errors : undefined;
    request.response = route.page
      ? html(status, route.page.error(status, detail, errors))
      : problem(status, detail, errors);
  },
});

/** The caller's `x-correlation-id` if it is a short token, else API Gateway's request id. */
export const correlationIdOf = (event: Event) =>
  correlationIdFrom(event.headers?.[correlationHeader]) ?? correlationIdFrom(event.requestContext?.requestId);

/**
 * The one way an HTTP handler is written: parse → authorize → call the domain → respond. Logged with the Lambda
 * context (Powertools `injectLambdaContext`) and the request's correlation id, which the events it records carry.
 */
export function httpHandler<const R extends RouteDefinition>(
  route: R,
  fn: (request: HttpRequest<R>) => Promise<HttpResult>,
) {
  return middy<Event, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: (request) => {
        const id = correlationIdOf(request.event);
        if (id) logger.setCorrelationId(id);
      },
    })
    .use(problemDetails(route))
    .handler((event, context) => withCorrelationId(correlationIdOf(event), () => handle(event, context)));

  async function handle(event: Event, context: Context) {
    const principal = authorize(route, event);
    const headers = event.headers ?? {};
    const body = parsePart(route.body, bodyOf(route, event), 'body');
    const key = idempotencyKeyOf(route, headers);
    const scope = `${route.operationId}:${principal?.subject ?? 'public'}`;
    const params = parsePart(route.params, event.pathParameters, 'path');
    // The path names what the request acts on (which order to cancel): a key reused on another order is another
    // request, refused with 422, never answered with the first order's response. A route without parameters keeps
    // the body alone, so its records written before parameters counted still replay.
    const fingerprinted = params && Object.keys(params).length > 0 ? { params, body } : body;
    const request = {
      params,
      query: parsePart(route.query, event.queryStringParameters, 'query'),
      body,
      principal,
      headers,
      idempotency: (response: HttpResult) => (key ? { scope, key, request: fingerprinted, response } : undefined),
      remainingMs: () => context.getRemainingTimeInMillis(),
    } as HttpRequest<R>;
    return respond(route, await fn(request));
  }
}

/** If-Match ("3", W/"3" or 3) or the body's version: the version the client read; required to change anything. */
export function expectedVersion(headers: Record<string, string | undefined>, bodyVersion: number | undefined) {
  const header = headers['if-match'];
  if (header !== undefined) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (!match) throw new ValidationFailed([{ field: 'If-Match', message: 'must be the ETag you read, such as "3"' }]);
    return Number(match[1]);
  }
  if (bodyVersion === undefined) {
    throw new PreconditionRequired('Send the version you read, as If-Match: "<version>" or as "version" in the body.');
  }
  return bodyVersion;
}

/** A change is made to the version the client read, or refused: nobody's edit is silently lost. */
export function assertUnchanged(current: { version: number }, expected: number, what: string) {
  if (current.version !== expected) {
    throw new Conflict(`${what} was changed by someone else; read it again and retry.`, [
      { field: 'version', message: `is not the current version (you sent ${expected}, it is ${current.version})` },
    ]);
  }
}

/** A response carrying a versioned entity: its version is the ETag a later If-Match sends back. */
export function versioned(
  status: number,
  entity: { version: number },
  headers: Record<string, string> = {},
): HttpResult {
  return { status, body: entity, headers: { etag: `"${entity.version}"`, ...headers } };
}
