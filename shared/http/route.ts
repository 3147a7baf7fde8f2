import type { z } from 'zod';
import type { Role } from '../domain/roles.ts';

/** What a function may touch; infra/ turns each into the narrowest IAM grant. */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'events:put'
  | 'mail:send'
  | 'workflows:start'
  | 'workflows:callback'
  | 'workflows:stop';

/**
 * One HTTP route: the single definition read by the CDK stack (API routes, one function each, IAM), the offline
 * gateway, the handler (validation, roles) and the OpenAPI generator.
 */
export type RouteDefinition = {
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: /customers/{id} */
  path: string;
  summary: string;
  tag: string;
  /** The handler module, relative to the repository root; its export is `handler`. */
  handler: string;
  access: { roles: readonly Role[] } | 'public';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Honours the Idempotency-Key header: a retry gets the first response, never a second write. */
  idempotent?: boolean;
  responses: Partial<Record<200 | 201 | 202 | 204, { description: string; schema?: z.ZodType; headers?: string[] }>>;
  /** The error statuses this route can answer with, beyond 400/401/403/500. */
  errors?: (404 | 409 | 410 | 412 | 422 | 428 | 503)[];
  grants: readonly Grant[];
  /** The route answers with an HTML page (approval links); errors are rendered by `error`. */
  page?: { error: (status: number, detail: string, errors?: { field: string; message: string }[]) => string };
};

export function defineRoute<const R extends RouteDefinition>(route: R): R {
  return route;
}
