import { announceShipment } from '../../shared/application/return-shipments.ts';
import { customerReturn } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { earlierAttempt, retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { announceReturnShipmentRoute } from './routes.ts';

/** R33: the customer's system (or the merchandiser, told by phone) announces the approved return on its way. */
export const handler = httpHandler(announceReturnShipmentRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  return retryOnConflict(async () => {
    const earlier = await earlierAttempt(table, idempotency({ status: 200 }), port('clock').now());
    if (earlier) throw earlier;
    const application = await returnRepository(table).get(params.id);
    assertVisible(principal, application, 'Return application');
    return await announceShipment(application, body, principal.email, (shipped) => {
      const response = { status: 200, body: actsForCustomerOnly(principal) ? customerReturn(shipped) : shipped };
      return { response, idempotency: idempotency(response) };
    });
  });
});
