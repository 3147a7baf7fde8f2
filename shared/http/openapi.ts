import * as z from 'zod';
import { GatewayMessage, Problem } from '../schemas/common.ts';
import { bodyBudget, type ResponseDefinition, type RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown>;

/** A component's name from its reference, for prose. */
const nameOf = (schema: JsonSchema) => String(schema.$ref ?? 'an inline schema').replace(/^#\/\$defs\//, '');

const statusText: Record<number, string> = {
  400: 'The request is not valid; `errors` names each field and why.',
  401: "No valid bearer token: API Gateway's JWT authorizer answers before any handler runs.",
  403: 'The token lacks a role this route needs.',
  404: 'No such resource (or not yours to see).',
  406: 'The Accept header allows none of the media types this answers with.',
  409: 'Conflicts with the current state (duplicate, or a stale version).',
  410: 'No longer available.',
  412: 'Precondition failed.',
  413: 'The body is larger than the route takes (its budget in bytes is `x-max-body-bytes` of the request body), or than what one item may store; `detail` says which.',
  422: 'The Idempotency-Key was used for a different request.',
  428: 'The version you read is required (If-Match).',
  429: 'Too soon, or too often (a new one-time code); the page says when to try again.',
  500: 'Unexpected failure on our side.',
  503: 'A service this request hands on to did not answer; nothing was recorded: try again in a moment.',
};

/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (never written by hand).
 * Schemas with an `id` become components; `#/$defs/` references are rewritten to point at them.
 */
export const apiInfo = {
  title: 'Order follow-up API',
  version: '0.1.0',
  description:
    "The order follow-up (跟单) platform's HTTP API: customers' systems and staff place and follow orders; approvers decide from e-mailed links. Errors are RFC 9457 problem details, except API Gateway's own answers (401, an unknown route), which are `{\"message\"}`.",
};

/** Where the API answers: the offline stack (`npm start`); a deployed stage's URL is the Api stack's output. */
export const apiServers = [
  { url: 'http://127.0.0.1:3000', description: 'Offline (npm start; PORT chooses another port)' },
];

/** The tags, each described once (an operation's `tag` must be one of them). */
export const apiTags: Record<string, string> = {
  Customers: 'Customers, their onboarding review (R10) and their terms changes.',
  Products: 'Products and kits (R2).',
  Orders:
    'Orders: intake (F1), split and merge (R24), cancellation approved by amount (R16), with their findings and full history (R15).',
  'Order changes': 'Change requests (F2, R11–R15) and revisions.',
  Payments:
    'Money received from customers (R9): deposits and balances against orders, other receipts; each bank reference once.',
  Receivables:
    "The receivables (F7, R40): manual adjustments of a customer's ledger approved by the finance leader, the ageing report of every customer, the reconciliation of a customer's orders, delivery notes, invoices and payments.",
  Production:
    'Production starts, after which a line can no longer change (R12), and production finished, which starts shipping (F3).',
  Shipping:
    'Deliveries from finished to signed for (F3, R17–R23): the warehouse list, tracking, the customer receipt, delivery notes (JSON or PDF).',
  Complaints:
    'Complaints about delivered goods (F4, R25–R29): the register with its numbers, owners and due dates, acknowledged to the customer at once; report, signature, analysis and the written reply.',
  Returns:
    'Returns of delivered goods (F5, R30–R36): the application with its return number, the cause analysis and the approval, the shipment announced, received and checked, five signatures, the return note and the credit; goods that came back without an application held.',
  Statements:
    'Month-end statements (对账单, F7, R38): for every customer settling monthly, the month before as a document and an e-mail with a sign-back link; confirmed, or disputed and corrected as a new revision.',
  Quotations:
    'Quotations (F6, R37): numbered, approved before release — special prices below list by the deputy GM or the general manager —, sent to the customer as a PDF in its language; the prices an order may stand on.',
  Surveys:
    "The yearly customer satisfaction survey (R43): each contact answers from a link of their own, three modules out of 100 weighted into one score; the staff read a year's answers and each customer's average.",
  Approvals:
    'Approvals: what a workflow step asks a person, decided once from an e-mailed link (HTML pages) or through the API.',
  Reports:
    "Reports (R41, R43): a day's, an ISO week's and a month's sales, complaints and anomalies against the period before, and a month's KPIs, read from figures kept from the domain events; a customer's user reads its own.",
  Staff: 'The staff directory: roles, leaders, deputies, who is on duty, who is away.',
  Operations: 'The API itself.',
};

const replayHeader = {
  'Idempotent-Replayed': {
    description: '`true` when this is the first response, answered again for a retry with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
};

const headerDescriptions: Record<string, string> = {
  ETag: 'The version, to send back as If-Match.',
  Location: 'Where the created resource is read.',
};

/** What a file answer (`files`, `fileResult`) carries beside its media type: the document's own file name. */
const fileHeaders = {
  'Content-Disposition': {
    description: 'With a file (Accept asked for it): `inline` and the file name, e.g. `inline; filename="…pdf"`.',
    schema: { type: 'string' },
  },
};

const pageSchema = { type: 'string', description: 'An HTML page for a person (zh-CN and en).' };

/**
 * A step's form labels its fields for the page (zod meta `form`); JSON Schema takes extensions only as `x-…`.
 */
const override = ({ jsonSchema }: { jsonSchema: JsonSchema }) => {
  if ('form' in jsonSchema) {
    jsonSchema['x-form'] = jsonSchema.form;
    delete jsonSchema.form;
  }
};

export function openApiDocument(routes: readonly RouteDefinition[], info = apiInfo) {
  const components: Record<string, JsonSchema> = {};

  const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const {
      $defs = {},
      $schema,
      ...root
    } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override }) as JsonSchema & {
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

  /**
   * One schema, or (a customer's or the warehouse's view beside the staff's) each, saying which role receives which:
   * `anyOf`, since some answers are several (an empty page of a register).
   */
  const responseSchema = (response: ResponseDefinition) => {
    const staff = schemaOf(response.schema as z.ZodType, 'output');
    if (!response.customerSchema && !response.warehouseSchema) return staff;
    const customer = response.customerSchema && schemaOf(response.customerSchema, 'output');
    const warehouse = response.warehouseSchema && schemaOf(response.warehouseSchema, 'output');
    const views = [
      `staff receive ${nameOf(staff)}`,
      ...(warehouse ? [`the warehouse (only that role) receives ${nameOf(warehouse)}, without prices or amounts`] : []),
      ...(customer
        ? [
            `a customer's user (only the customer role) receives ${nameOf(customer)}, without what is internal to the company`,
          ]
        : []),
    ];
    return {
      anyOf: [staff, ...(warehouse ? [warehouse] : []), ...(customer ? [customer] : [])],
      description: `By the caller's role: ${views.join('; ')}.`,
      'x-schema-by-role': { staff, ...(warehouse ? { warehouse } : {}), ...(customer ? { customer } : {}) },
    };
  };

  /** Pages (approval links) answer people in HTML, their errors too; the API answers in JSON. */
  const errorResponse = (route: RouteDefinition, status: number) => {
    if (status === 401) {
      return {
        description: statusText[401],
        headers: {
          'WWW-Authenticate': {
            description: 'The bearer challenge, with the reason when a token was sent (invalid_token).',
            schema: { type: 'string' },
          },
        },
        content: { 'application/json': { schema: schemaOf(GatewayMessage, 'output') } },
      };
    }
    return {
      description: statusText[status],
      content: route.page
        ? { 'text/html': { schema: pageSchema } }
        : { 'application/problem+json': { schema: schemaOf(Problem, 'output') } },
    };
  };

  const requestBody = (route: RouteDefinition) => {
    if (!route.body) return {};
    // A page's form posts form-encoded fields, as a browser sends them.
    const media = route.page ? 'application/x-www-form-urlencoded' : 'application/json';
    return {
      requestBody: {
        required: true,
        description: `At most ${bodyBudget(route)} bytes; a larger body is refused with 413.`,
        'x-max-body-bytes': bodyBudget(route),
        content: { [media]: { schema: schemaOf(route.body, 'input') } },
      },
    };
  };

  const successResponse = (route: RouteDefinition, response: NonNullable<RouteDefinition['responses'][200]>) => {
    const headers = {
      ...Object.fromEntries(
        (response.headers ?? []).map((h) => [h, { description: headerDescriptions[h], schema: { type: 'string' } }]),
      ),
      ...(route.idempotent ? replayHeader : {}),
      ...(response.files?.length ? fileHeaders : {}),
    };
    const files = Object.fromEntries(
      (response.files ?? []).map((type) => [
        type,
        { schema: { type: 'string', contentMediaType: type, description: `The file, when Accept asks for ${type}.` } },
      ]),
    );
    const content = route.page
      ? { 'text/html': { schema: pageSchema } }
      : response.schema
        ? { 'application/json': { schema: responseSchema(response) }, ...files }
        : undefined;
    return {
      description: response.description,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(content ? { content } : {}),
    };
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!(route.tag in apiTags)) throw new Error(`${route.operationId}: tag ${route.tag} is not one of apiTags`);
    const errors = [
      ...new Set([
        ...(route.body || route.params || route.query || route.idempotent ? [400] : []),
        ...(route.access === 'public' ? [] : [401, 403]),
        ...(route.errors ?? []),
        // A route offering files (negotiate) refuses an Accept header that allows none of its types.
        ...(Object.values(route.responses).some((response) => response.files?.length) ? [406] : []),
        ...(route.body ? [413] : []),
        500,
      ]),
    ].sort((a, b) => a - b);
    const roles = route.access === 'public' ? undefined : `Roles: ${route.access.roles.join(', ')}.`;
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description || roles ? { description: [route.description, roles].filter(Boolean).join('\n\n') } : {}),
      tags: [route.tag],
      ...(route.access === 'public' ? { security: [] } : { 'x-roles': route.access.roles }),
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
      ...requestBody(route),
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, response]) => [status, successResponse(route, response)]),
        ),
        ...Object.fromEntries(errors.map((status) => [String(status), errorResponse(route, status)])),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }

  const document = {
    openapi: '3.1.0',
    info,
    servers: apiServers,
    tags: Object.entries(apiTags).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ jwt: [] }],
  };
  return JSON.parse(JSON.stringify(document).replaceAll('"#/$defs/', '"#/components/schemas/'));
}
