import type { z } from 'zod';
import type { Role } from '../domain/roles.ts';

/**
 * Table access limited to some kinds of item: those whose partition key matches one of `keys`, IAM `StringLike`
 * patterns (`APPROVAL#*`, `STAFF`). infra/ turns it into the item actions on the table alone (no index, no scan)
 * with a `dynamodb:LeadingKeys` condition; offline enforces the same. For functions that touch a few kinds of item
 * only — the public approval-link routes first: a flaw in them must not reach orders or customers.
 */
export type ItemsGrant = { readonly table: 'read' | 'write'; readonly keys: readonly string[] };

/** Only the items whose partition key matches one of `keys` (see ItemsGrant). */
export const tableItems = (table: ItemsGrant['table'], ...keys: string[]): ItemsGrant => ({ table, keys });

/** What a function may touch; infra/ turns each into the narrowest IAM grant. */
export type Grant =
  | ItemsGrant
  | 'table:read'
  | 'table:write'
  /** R42: a point-in-time export of the whole table into the archive bucket's `exports/` (no read of any item). */
  | 'table:export'
  | 'events:put'
  | 'mail:send'
  | 'workflows:start'
  | 'workflows:callback'
  | 'workflows:stop';

/** One response of a route: what staff receive (`schema`) and, where it differs, what a customer's user or the warehouse does. */
export type ResponseDefinition = {
  description: string;
  schema?: z.ZodType;
  /**
   * What a caller with only the customer role receives instead of `schema`: the customer's view, without what is
   * internal to the company (approvals, findings, staff addresses). The OpenAPI document offers both, by role.
   */
  customerSchema?: z.ZodType;
  /**
   * What a caller with only the warehouse role receives instead of `schema`: the same without prices or amounts
   * (R42: the warehouse ships by quantities and boxes). The OpenAPI document offers it beside the others, by role.
   */
  warehouseSchema?: z.ZodType;
  /**
   * Media types the route also answers with, as files, when `Accept` asks for them (`negotiate`): the delivery note
   * as `application/pdf` beside its JSON.
   */
  files?: readonly string[];
  headers?: string[];
};

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
  /** What a caller should know beyond the summary (the roles are added to it). */
  description?: string;
  /** One of the tags the OpenAPI document declares (shared/http/openapi.ts apiTags). */
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
  responses: Partial<Record<200 | 201 | 202 | 204, ResponseDefinition>>;
  /** The error statuses this route can answer with, beyond 400/401/403/500. */
  errors?: (404 | 406 | 409 | 410 | 412 | 422 | 428 | 429 | 503)[];
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
