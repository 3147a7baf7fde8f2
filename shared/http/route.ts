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
  /** The most bytes the body may have (`defaultBodyBudget` unless set); beyond it the route answers 413. */
  maxBodyBytes?: number;
  /** Honours the Idempotency-Key header: a retry gets the first response, never a second write. */
  idempotent?: boolean;
  responses: Partial<Record<200 | 201 | 202 | 204, { description: string; schema?: z.ZodType; headers?: string[] }>>;
  /** The error statuses this route can answer with, beyond 400/401/403/500. */
  errors?: (404 | 409 | 410 | 412 | 422 | 428)[];
  grants: readonly Grant[];
  /** The route answers with an HTML page (approval links); errors are rendered by `error`. */
  page?: { error: (status: number, detail: string, errors?: { field: string; message: string }[]) => string };
};

/**
 * The most bytes a request body may have, unless its route sets less: 128 KiB — four times a 200-line order of kits
 * as customers write them, and far below what a stored item (400 KB in DynamoDB) and its events may hold. A body
 * beyond it is refused with 413 before it is parsed (docs/architecture.md, "Limits").
 */
export const defaultBodyBudget = 128 * 1024;

/** The byte budget of a route's body. */
export const bodyBudget = (route: Pick<RouteDefinition, 'path' | 'maxBodyBytes'>) =>
  route.maxBodyBytes ?? defaultBodyBudget;

export function defineRoute<const R extends RouteDefinition>(route: R): R {
  return route;
}
