import * as z from 'zod';
import { defineRoute } from '../../shared/http/route.ts';

/** What /health answers: the API is up and its functions run. */
export const Health = z
  .object({ status: z.literal('ok') })
  .meta({ id: 'Health', description: 'The API answers; nothing is read to say so.' });

export const healthRoute = defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  summary: 'Whether the API answers: `{ "status": "ok" }`, for monitors and load balancers (no token, no data read)',
  tag: 'Operations',
  handler: 'functions/operations/health.ts',
  access: 'public',
  responses: { 200: { description: 'The API answers', schema: Health } },
  // Public, and touches nothing: no table, no bus, no mail.
  grants: [],
});

export const operationRoutes = [healthRoute];
