import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { RouteDefinition } from '../../shared/http/route.ts';
import type { LocalFunction } from './access.ts';
import type { Exchange } from './contract.ts';
import type { LocalIdentityProvider } from './tokens.ts';

export type Invoke = (handlerPath: string, event: unknown, fn: LocalFunction) => Promise<unknown>;

/** A page of the offline stack itself (OpenAPI, mailbox…), answered without going through a handler. */
export type LocalPage = (request: {
  method: string;
  path: string;
  query: URLSearchParams;
}) => Promise<{ status: number; type: string; body: string | Buffer; headers?: Record<string, string> } | undefined>;

type CompiledRoute = { route: RouteDefinition; pattern: RegExp; names: string[] };

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

/** The HTTP API's JWT authorizer passes every claim as a string, lists as "[a b]". */
function authorizerClaims(claims: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
    ]),
  );
}

async function readBody(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const textTypes = /^(application\/(json|problem\+json|x-www-form-urlencoded|xml)|text\/)/;

/** Builds the event API Gateway (HTTP API, payload format 2.0) would send for this request. */
export function toApiGatewayEvent(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  match: { route: RouteDefinition; pathParameters: Record<string, string> },
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = textTypes.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  const routeKey = `${match.route.method} ${match.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: match.route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: claims ? authorizerClaims(claims) : {}, scopes: [] },
      },
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
    stageVariables: undefined,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

type Send = (status: number, headers: Record<string, string | number | boolean>, body: string | Buffer) => void;

/** Writes an answer, and shows it to the observer (the contract check) as the client receives it. */
function sender(request: { method: string; path: string }, response: ServerResponse, observe?: Observe): Send {
  return (status, headers, body) => {
    const all = { 'content-length': Buffer.byteLength(body), ...headers };
    response.writeHead(status, all);
    response.end(body);
    observe?.({
      ...request,
      status,
      headers: Object.fromEntries(Object.entries(all).map(([name, value]) => [name.toLowerCase(), String(value)])),
      body: body.toString(),
    });
  };
}

/** API Gateway's answer to a result: a structured result is taken as is; anything else becomes a JSON 200. */
function writeResult(send: Send, result: APIGatewayProxyResultV2) {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
    send(result.statusCode ?? 200, { ...(result.headers ?? {}) }, body);
  } else {
    send(200, { 'content-type': 'application/json' }, typeof result === 'string' ? result : JSON.stringify(result));
  }
}

/**
 * What API Gateway itself answers (no route, a missing or invalid token, an integration failure): `{"message"}` as
 * application/json — the JWT authorizer's 401 adds a `www-authenticate` challenge. The OpenAPI document describes it
 * as GatewayMessage.
 */
const gatewayMessage = (send: Send, status: number, message: string, headers: Record<string, string> = {}) =>
  send(status, { 'content-type': 'application/json', ...headers }, JSON.stringify({ message }));

export type Observe = (exchange: Exchange) => void;

/**
 * The JWT authorizer's challenge: without a token just the scheme (RFC 6750 §3), with a bad one the reason as AWS
 * words it (`Bearer scope="" error="invalid_token" error_description="…"`).
 */
const challenge = (reason: string) => ({
  'www-authenticate':
    reason === 'no token'
      ? 'Bearer'
      : `Bearer scope="" error="invalid_token" error_description="${reason.replaceAll('"', "'")}"`,
});

/**
 * The HTTP API offline: the same route table as on AWS, bearer tokens checked as the JWT authorizer checks
 * them, and each request handed to the real handler as API Gateway's event.
 */
export function createGateway({
  routes,
  idp,
  invoke,
  pages,
  observe,
}: {
  routes: readonly RouteDefinition[];
  idp: LocalIdentityProvider;
  invoke: Invoke;
  pages: LocalPage;
  /** Sees every answer (the contract check). */
  observe?: Observe;
}): Server {
  const compiled = routes.map(compile);
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const send = sender({ method, path: url.pathname }, response, observe);
    try {
      const page = await pages({ method, path: url.pathname, query: url.searchParams });
      if (page) return send(page.status, { 'content-type': page.type, ...page.headers }, page.body);

      const candidates = compiled.filter((c) => c.pattern.test(url.pathname));
      const found = candidates.find((c) => c.route.method === method);
      if (!found) return gatewayMessage(send, 404, 'Not Found');
      const values = found.pattern.exec(url.pathname)?.slice(1) ?? [];
      const pathParameters = Object.fromEntries(
        found.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]),
      );

      let claims: Record<string, unknown> | undefined;
      if (found.route.access !== 'public') {
        const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
        const verified = token ? await idp.verify(token) : { reason: 'no token' };
        if (!('claims' in verified)) return gatewayMessage(send, 401, 'Unauthorized', challenge(verified.reason));
        claims = verified.claims;
      }
      const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(request);
      const event = toApiGatewayEvent(request, url, body, { route: found.route, pathParameters }, claims);
      // Each route is its own function on AWS (infra/ names it by operationId), with the route's grants only.
      const fn = { name: found.route.operationId, grants: found.route.grants };
      writeResult(send, (await invoke(found.route.handler, event, fn)) as APIGatewayProxyResultV2);
    } catch (error) {
      console.error('gateway: handler failed', error);
      gatewayMessage(send, 500, 'Internal Server Error');
    }
  });
}
