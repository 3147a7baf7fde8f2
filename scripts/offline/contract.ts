import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** One answer of the API as a client received it. */
export type Exchange = {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | number | string[] | undefined>;
  body: string;
};

export type Violation = { request: string; status: number; problem: string };

type Operation = {
  responses: Record<
    string,
    {
      headers?: Record<string, { required?: boolean; schema?: object }>;
      content?: Record<string, { schema?: object }>;
    }
  >;
};

/**
 * Headers every answer may carry without the contract naming them: HTTP's own, and the page security headers that
 * API Gateway and browsers deal in. Any other header an answer carries (ETag, Location, Idempotent-Replayed…) is
 * part of the contract and must be documented.
 */
const transportHeaders = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'cache-control',
  'referrer-policy',
  'x-frame-options',
  'content-security-policy',
]);

/** A JSON pointer in a URI fragment: each part escaped for the pointer, then for the URI. */
const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

/**
 * The API's answers checked against its OpenAPI document, as a validating proxy (Stoplight Prism) would check
 * them — status, media type, body schema, headers — but in process, so that it runs on a fresh clone with nothing
 * but npm packages. Paths the document does not describe are the offline stack's own (`/_local/…`) and skipped.
 */
export function contractValidator(document: {
  paths: Record<string, Record<string, Operation>>;
  components?: unknown;
}) {
  // multipleOf 0.0001 on a JSON number (a price of 4.8, even 0.0003) fails by the float's rounding unless compared
  // with a tolerance (here 1e-3 of the step: any fifth or sixth decimal is still caught); zod, which validates the
  // same values on the way in, compares them by their decimals.
  const ajv = new Ajv2020({ strict: false, allErrors: true, multipleOfPrecision: 3 });
  addFormats.default(ajv);
  const id = 'https://contract.local/openapi.json';
  ajv.addSchema({ ...document, $id: id });
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^/}]+\}/g, '[^/]+')}$`),
  }));

  return (exchange: Exchange): Violation[] => {
    const request = `${exchange.method} ${exchange.path}`;
    const found = templates.find((t) => t.pattern.test(exchange.path));
    if (!found)
      return exchange.path.startsWith('/_local/')
        ? []
        : [{ request, status: exchange.status, problem: 'path not documented' }];
    const method = exchange.method.toLowerCase();
    const operation = document.paths[found.template]?.[method];
    const violation = (problem: string) => ({ request, status: exchange.status, problem });
    if (!operation) return [violation(`${exchange.method} not documented for ${found.template}`)];
    const status = String(exchange.status);
    const response = operation.responses[status] ?? operation.responses.default;
    if (!response) return [violation(`status ${status} not documented`)];
    const base = pointer('paths', found.template, method, 'responses', status);
    const violations: Violation[] = [];

    const headerNames = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required && exchange.headers[name.toLowerCase()] === undefined) {
        violations.push(violation(`header ${name} missing`));
      }
    }
    for (const name of Object.keys(exchange.headers)) {
      if (!transportHeaders.has(name) && !headerNames.includes(name)) {
        violations.push(violation(`header ${name} not documented`));
      }
    }

    const mediaType = String(exchange.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim();
    const content = response.content ?? {};
    if (!exchange.body) {
      if (Object.keys(content).length) violations.push(violation('body missing'));
      return violations;
    }
    const declared = mediaType && content[mediaType];
    if (!declared) {
      violations.push(
        violation(
          `media type ${mediaType || '(none)'} not documented (${Object.keys(content).join(', ') || 'no content'})`,
        ),
      );
      return violations;
    }
    if (!declared.schema || !mediaType.endsWith('json')) return violations;
    let body: unknown;
    try {
      body = JSON.parse(exchange.body);
    } catch {
      return [...violations, violation('body is not JSON')];
    }
    const validate = ajv.getSchema(`${id}#/${base}/${pointer('content', mediaType, 'schema')}`);
    if (validate && !validate(body)) {
      for (const error of validate.errors ?? []) {
        const params = JSON.stringify(error.params);
        violations.push(violation(`body${error.instancePath} ${error.message} ${params}`));
      }
    }
    return violations;
  };
}
