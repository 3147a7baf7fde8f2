import * as z from 'zod';
import { defineRoute } from '../../shared/http/route.ts';
import { ProductionFinishedReport } from '../../shared/schemas/delivery.ts';
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

export const finishProductionRoute = defineRoute({
  operationId: 'finishProduction',
  method: 'POST',
  path: '/orders/{id}/production-finished',
  summary:
    'Production reports quantities of lines finished, or one delivery finished whole (F3): each delivery finished starts its shipping',
  description:
    "Quantities add to what was reported before, never beyond a line's quantity. A delivery (R24: or the whole order, delivery 1) is finished once what production finished covers it; a deposit customer is then asked for the balance (R9).",
  tag: 'Production',
  handler: 'functions/production/finish.ts',
  access: { roles: ['pmc'] },
  params: OrderIdParams,
  body: ProductionFinishedReport,
  responses: { 200: { description: 'The order with what production finished', schema: Order, headers: ['ETag'] } },
  errors: [404, 409, 422],
  grants: ['table:read', 'table:write'],
});

export const productionRoutes = [startProductionRoute, finishProductionRoute];
