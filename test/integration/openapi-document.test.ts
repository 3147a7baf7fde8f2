import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';

describe('the OpenAPI document', () => {
  const document = openApiDocument(routes);

  it('has every route, with components for the named schemas and no dangling references', () => {
    for (const route of routes) {
      expect(document.paths[route.path][route.method.toLowerCase()].operationId).toBe(route.operationId);
    }
    const text = JSON.stringify(document);
    expect(text).not.toContain('#/$defs/');
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      expect(document.components.schemas).toHaveProperty(name as string);
    }
    const create = document.paths['/customers'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/NewCustomer' });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409']));
  });

  it('is checked in as docs/openapi.json, up to date (npm run openapi)', () => {
    const checkedIn = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/openapi.json'), 'utf8'));
    expect(checkedIn).toEqual(document);
  });
});
