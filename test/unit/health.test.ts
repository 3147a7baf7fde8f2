import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/operations/health.ts';
import { healthRoute } from '../../functions/operations/routes.ts';
import { routes } from '../../functions/routes.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';

const context = {
  functionName: 'getHealth',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:getHealth',
  memoryLimitInMB: '128',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 3000,
} as unknown as Context;

describe('GET /health', () => {
  it('is a public route of the route table that may touch nothing, so infra deploys it without a grant', () => {
    expect(routes).toContain(healthRoute);
    expect(healthRoute).toMatchObject({ method: 'GET', path: '/health', access: 'public', grants: [] });
  });

  it('answers { status: "ok" } without a token, reading nothing', async () => {
    const event = {
      version: '2.0',
      routeKey: 'GET /health',
      rawPath: '/health',
      rawQueryString: '',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/health' }, requestId: 'r1' },
      isBase64Encoded: false,
    };
    const answer = await handler(event as never, context);
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body ?? '')).toEqual({ status: 'ok' });
  });

  it('is in the OpenAPI document, without security, answering the Health schema', () => {
    const document = openApiDocument(routes) as { paths: Record<string, Record<string, any>> };
    const operation = document.paths['/health']?.get;
    expect(operation).toMatchObject({ operationId: 'getHealth', security: [], tags: ['Operations'] });
    expect(operation.responses[200].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Health',
    });
  });
});
