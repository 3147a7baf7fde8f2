import * as z from 'zod';
import { Problem } from '../schemas/common.ts';
import { bodyBudget, type RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown>;

const statusText: Record<number, string> = {
  400: 'The request is not valid; `errors` names each field and why.',
  401: 'No valid bearer token.',
  403: 'The token lacks a role this route needs.',
  404: 'No such resource (or not yours to see).',
  409: 'Conflicts with the current state (duplicate, or a stale version).',
  410: 'No longer available.',
  412: 'Precondition failed.',
  413: 'The body is larger than the route takes (its budget in bytes is `x-max-body-bytes` of the request body), or than what one item may store; `detail` says which.',
  422: 'The Idempotency-Key was used for a different request.',
  428: 'The version you read is required (If-Match).',
  500: 'Unexpected failure on our side.',
};

/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (never written by hand).
 * Schemas with an `id` become components; `#/$defs/` references are rewritten to point at them.
 */
export const apiInfo = { title: 'Order follow-up API', version: '0.1.0' };

export function openApiDocument(routes: readonly RouteDefinition[], info = apiInfo) {
  const components: Record<string, JsonSchema> = {};

  const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const {
      $defs = {},
      $schema,
      ...root
    } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    for (const [id, definition] of Object.entries($defs)) {
      const existing = components[id];
      if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) {
        throw new Error(`schema ${id} differs between requests and responses; give one of them another id`);
      }
      components[id] = definition;
    }
    return root;
  };

  const parameters = (schema: z.ZodType | undefined, location: 'path' | 'query') => {
    if (!schema) return [];
    const { properties = {}, required = [] } = schemaOf(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    return Object.entries(properties).map(([name, property]) => ({
      name,
      in: location,
      required: location === 'path' || required.includes(name),
      schema: property,
    }));
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const errors = [
      400,
      ...(route.access === 'public' ? [] : [401, 403]),
      ...(route.errors ?? []),
      ...(route.body ? [413] : []),
      500,
    ].sort((a, b) => a - b);
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'public'
        ? { security: [] }
        : { 'x-roles': route.access.roles, description: `Roles: ${route.access.roles.join(', ')}.` }),
      parameters: [
        ...parameters(route.params, 'path'),
        ...parameters(route.query, 'query'),
        ...(route.idempotent
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                description: 'A retry with the same key returns the first response and writes nothing twice.',
                schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
              },
            ]
          : []),
        ...(route.errors?.includes(428)
          ? [
              {
                name: 'If-Match',
                in: 'header',
                required: false,
                schema: { type: 'string' },
                description: 'The ETag you read.',
              },
            ]
          : []),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              description: `At most ${bodyBudget(route)} bytes; a larger body is refused with 413.`,
              'x-max-body-bytes': bodyBudget(route),
              content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.headers
                ? { headers: Object.fromEntries(response.headers.map((h) => [h, { schema: { type: 'string' } }])) }
                : {}),
              ...(response.schema
                ? { content: { 'application/json': { schema: schemaOf(response.schema, 'output') } } }
                : {}),
            },
          ]),
        ),
        ...Object.fromEntries(
          errors.map((status) => [
            String(status),
            {
              description: statusText[status],
              content: { 'application/problem+json': { schema: schemaOf(Problem, 'output') } },
            },
          ]),
        ),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }

  const document = {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: components,
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ jwt: [] }],
  };
  return JSON.parse(JSON.stringify(document).replaceAll('"#/$defs/', '"#/components/schemas/'));
}
