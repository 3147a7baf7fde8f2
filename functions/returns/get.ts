import { customerReturn } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { port } from '../../shared/runtime.ts';
import { getReturnRoute } from './routes.ts';

export const handler = httpHandler(getReturnRoute, async ({ params, principal }) => {
  const application = await returnRepository(port('table')).get(params.id);
  assertVisible(principal, application, 'Return application');
  return { status: 200, body: actsForCustomerOnly(principal) ? customerReturn(application) : application };
});
