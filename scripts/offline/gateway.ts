import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { RouteDefinition } from '../../shared/http/route.ts';
import type { LocalFunction } from './access.ts';
import type { LocalIdentityProvider } from './tokens.ts';

export type Invoke = (handlerPath: string, event: unknown, fn: LocalFunction) => Promise<unknown>;

/** A page of the offline stack itself (health, OpenAPI, mailbox…), answered without going through a handler. */
export type LocalPage = (request: {
  method: string;
  path: string;
  query: URLSearchParams;
}) => Promise<{ status: number; type: string; body: string } | undefined>;

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

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string | number | boolean>,
  body: string | Buffer,
) {
  response.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

/** API Gateway's answer to a result: a structured result is taken as is; anything else becomes a JSON 200. */
function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2) {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
    send(response, result.statusCode ?? 200, { ...(result.headers ?? {}) }, body);
  } else {
    send(
      response,
      200,
      { 'content-type': 'application/json' },
      typeof result === 'string' ? result : JSON.stringify(result),
    );
  }
}

const gatewayMessage = (response: ServerResponse, status: number, message: string) =>
  send(response, status, { 'content-type': 'application/json' }, JSON.stringify({ message }));

/**
 * The HTTP API offline: the same route table as on AWS, bearer tokens checked as the JWT authorizer checks
 * them, and each request handed to the real handler as API Gateway's event.
 */
export function createGateway({
  routes,
  idp,
  invoke,
  pages,
}: {
  routes: readonly RouteDefinition[];
  idp: LocalIdentityProvider;
  invoke: Invoke;
  pages: LocalPage;
}): Server {
  const compiled = routes.map(compile);
  return createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      const page = await pages({ method, path: url.pathname, query: url.searchParams });
      if (page) return send(response, page.status, { 'content-type': page.type }, page.body);

      const candidates = compiled.filter((c) => c.pattern.test(url.pathname));
      const found = candidates.find((c) => c.route.method === method);
      if (!found) return gatewayMessage(response, 404, 'Not Found');
      const values = found.pattern.exec(url.pathname)?.slice(1) ?? [];
      const pathParameters = Object.fromEntries(
        found.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]),
      );

      let claims: Record<string, unknown> | undefined;
      if (found.route.access !== 'public') {
        const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
        const verified = token ? await idp.verify(token) : { reason: 'no token' };
        if (!('claims' in verified)) return gatewayMessage(response, 401, 'Unauthorized');
        claims = verified.claims;
      }
      const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(request);
      const event = toApiGatewayEvent(request, url, body, { route: found.route, pathParameters }, claims);
      // Each route is its own function on AWS (infra/ names it by operationId), with the route's grants only.
      const fn = { name: found.route.operationId, grants: found.route.grants };
      writeResult(response, (await invoke(found.route.handler, event, fn)) as APIGatewayProxyResultV2);
    } catch (error) {
      console.error('gateway: handler failed', error);
      gatewayMessage(response, 500, 'Internal Server Error');
    }
  });
}
