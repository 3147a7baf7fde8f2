import { renderStockPrepForm, stockPrepFormFileName } from '../../shared/documents/stock-prep-form.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { warehouseStockPrepForm } from '../../shared/domain/warehouse-view.ts';
import { actsForWarehouseOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, negotiate } from '../../shared/http/negotiation.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';
import { getStockPrepFormRoute } from './routes.ts';

/** The form exists once the merchandiser prepared it (R17); each round after a mismatch replaces it (R19). */
export const handler = httpHandler(getStockPrepFormRoute, async ({ params, headers, principal }) => {
  const delivery = await deliveryRepository(port('table')).get(params.id, params.n);
  const prepared = delivery.stockPrepForm;
  if (!prepared)
    throw new NotFound(`Delivery ${params.n} of order ${delivery.orderNumber} has no stock-prep form yet.`);
  // R42: the warehouse picks by quantities and boxes; its copy, JSON or PDF, has no price.
  const form = actsForWarehouseOnly(principal) ? warehouseStockPrepForm(prepared) : prepared;
  if (negotiate(headers, ['application/json', 'application/pdf']) === 'application/json') {
    return { status: 200, body: form };
  }
  return fileResult(await renderStockPrepForm(form), 'application/pdf', stockPrepFormFileName(form));
});
