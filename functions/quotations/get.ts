import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { port } from '../../shared/runtime.ts';
import { getQuotationRoute } from './routes.ts';
import { visibleQuotation } from './visible.ts';

export const handler = httpHandler(getQuotationRoute, async ({ params, principal }) => {
  const { quotation, view } = await visibleQuotation(port('table'), params.id, principal);
  return { ...versioned(200, quotation), body: view };
});
