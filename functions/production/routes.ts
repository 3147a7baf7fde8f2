import * as z from 'zod';
import { defineRoute } from '../../shared/http/route.ts';
import { Order, OrderIdParams } from '../../shared/schemas/order.ts';

export const startProductionRoute = defineRoute({
  operationId: 'startProduction',
  method: 'POST',
  path: '/orders/{id}/production-starts',
  summary: 'Production reports lines of a released order started (R12: from then on they can no longer change)',
  tag: 'Production',
  handler: 'functions/production/start.ts',
  access: { roles: ['pmc'] },
  params: OrderIdParams,
  body: z
    .object({ lines: z.array(z.int().min(1)).min(1).max(200) })
    .strict()
    .meta({ id: 'ProductionStart' }),
  responses: { 200: { description: 'The order with its lines started', schema: Order, headers: ['ETag'] } },
  errors: [404, 409],
  grants: ['table:read', 'table:write'],
});

export const productionRoutes = [startProductionRoute];
