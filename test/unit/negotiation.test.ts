import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, NotAcceptable, negotiate, preferred } from '../../shared/http/negotiation.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { defineRoute } from '../../shared/http/route.ts';

const offered = ['application/json', 'application/pdf'] as const;

describe('content negotiation (GET /delivery-notes/{number}: JSON, or the PDF)', () => {
  it('answers JSON unless the caller asks for the PDF', () => {
    expect(negotiate({}, offered)).toBe('application/json');
    expect(negotiate({ accept: '*/*' }, offered)).toBe('application/json');
    expect(negotiate({ accept: 'application/json' }, offered)).toBe('application/json');
    expect(negotiate({ accept: 'application/pdf' }, offered)).toBe('application/pdf');
    expect(negotiate({ accept: 'application/*;q=0.5, application/pdf' }, offered)).toBe('application/pdf');
    expect(negotiate({ accept: 'application/json;q=0.2, application/pdf;q=0.9' }, offered)).toBe('application/pdf');
    expect(negotiate({ accept: 'text/html, */*;q=0.1' }, offered)).toBe('application/json');
  });

  it('refuses with 406 naming Accept when none of the types is acceptable', () => {
    expect(() => negotiate({ accept: 'text/html' }, offered)).toThrow(NotAcceptable);
    expect(() => negotiate({ accept: 'application/pdf;q=0, application/json;q=0' }, offered)).toThrow(
      expect.objectContaining({ status: 406, errors: [expect.objectContaining({ field: 'Accept' })] }),
    );
  });

  it('leaves the refusal to the handler that asks only what is preferred (a 404 may come first)', () => {
    expect(preferred({ accept: 'text/html' }, offered)).toBeUndefined();
    expect(preferred({ accept: 'application/pdf' }, offered)).toBe('application/pdf');
    expect(preferred({}, offered)).toBe('application/json');
  });
});

const route = defineRoute({
  operationId: 'getSampleDocument',
  method: 'GET',
  path: '/sample-documents/{number}',
  summary: 'A document as JSON or PDF',
  tag: 'Operations',
  handler: 'unused',
  access: 'public',
  params: z.object({ number: z.string() }),
  responses: {
    200: { description: 'The document', schema: z.object({ number: z.string() }), files: ['application/pdf'] },
  },
  grants: [],
});

const handler = httpHandler(route, async ({ params, headers }) =>
  negotiate(headers, offered) === 'application/pdf'
    ? fileResult(Buffer.from('%PDF-1.7 …'), 'application/pdf', `送货单-${params.number}.pdf`)
    : { status: 200, body: { number: params.number } },
);

const call = (accept?: string) =>
  handler(
    {
      version: '2.0',
      routeKey: 'GET /sample-documents/{number}',
      rawPath: '/sample-documents/DN1',
      headers: accept ? { accept } : {},
      pathParameters: { number: 'DN1' },
      requestContext: { http: { method: 'GET', path: '/sample-documents/DN1' }, requestId: 'r1' },
      isBase64Encoded: false,
    } as never,
    { functionName: 'getSampleDocument', getRemainingTimeInMillis: () => 3000 } as unknown as Context,
  );

describe('a route answering a file', () => {
  it('sends its bytes base64-encoded, with its type and file name, as API Gateway passes binary on', async () => {
    const answer = await call('application/pdf');
    expect(answer).toMatchObject({ statusCode: 200, isBase64Encoded: true });
    expect(answer.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="___-DN1.pdf"; filename*=UTF-8''${encodeURIComponent('送货单-DN1.pdf')}`,
    });
    expect(Buffer.from(answer.body ?? '', 'base64').toString()).toBe('%PDF-1.7 …');
    expect(JSON.parse((await call()).body ?? '')).toEqual({ number: 'DN1' });
    const refused = await call('text/html');
    expect(refused.statusCode).toBe(406);
    expect(JSON.parse(refused.body ?? '').errors).toEqual([{ field: 'Accept', message: expect.any(String) }]);
  });

  it('documents the file beside the JSON, and the 406', () => {
    const operation = openApiDocument([route]).paths['/sample-documents/{number}'].get;
    expect(Object.keys(operation.responses[200].content)).toEqual(['application/json', 'application/pdf']);
    expect(operation.responses[200].content['application/pdf'].schema).toMatchObject({
      type: 'string',
      contentMediaType: 'application/pdf',
    });
    expect(operation.responses[406].content['application/problem+json']).toBeDefined();
  });
});
