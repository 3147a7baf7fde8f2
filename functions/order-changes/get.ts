import { customerChangeRequest } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { changeRequestRepository } from '../../shared/persistence/change-requests.ts';
import { port } from '../../shared/runtime.ts';
import { getChangeRequestRoute } from './routes.ts';

export const handler = httpHandler(getChangeRequestRoute, async ({ params, principal }) => {
  const changeRequest = await changeRequestRepository(port('table')).get(params.id, params.changeId);
  assertVisible(principal, { id: changeRequest.orderId, customerId: changeRequest.customerId });
  // A customer's user sees the customer's view: no review findings, no staff.
  return versioned(200, actsForCustomerOnly(principal) ? customerChangeRequest(changeRequest) : changeRequest);
});
