import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { changeRequestRepository } from '../../shared/persistence/change-requests.ts';
import { port } from '../../shared/runtime.ts';
import { getChangeRequestRoute } from './routes.ts';

export const handler = httpHandler(getChangeRequestRoute, async ({ params, principal }) => {
  const changeRequest = await changeRequestRepository(port('table')).get(params.id, params.changeId);
  assertVisible(principal, { id: changeRequest.orderId, customerId: changeRequest.customerId });
  return versioned(200, changeRequest);
});
