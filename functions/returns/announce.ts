import { sent } from '../../shared/application/reads.ts';
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
    // One round of reads: the return is named by the path.
    const earlierRead = sent(earlierAttempt(table, idempotency({ status: 200 }), port('clock').now()));
    const applicationRead = sent(returnRepository(table).get(params.id));
    const earlier = await earlierRead;
    if (earlier) throw earlier;
    const application = await applicationRead;
    assertVisible(principal, application, 'Return application');
    return await announceShipment(application, body, principal.email, (shipped) => {
      const response = { status: 200, body: actsForCustomerOnly(principal) ? customerReturn(shipped) : shipped };
      return { response, idempotency: idempotency(response) };
    });
  });
});
