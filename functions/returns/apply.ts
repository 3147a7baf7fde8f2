import { namedCustomer, namedOrder } from '../../shared/application/named-order.ts';
import { sent } from '../../shared/application/reads.ts';
import { returnApplicationFiled, returnApplicationReads } from '../../shared/application/return-applications.ts';
import { customerReturn } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { earlierAttempt, retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { applyForReturnRoute } from './routes.ts';

/**
 * R30: the customer's system or the merchandiser files a return application; another application for the same goods
 * at the same moment makes it read again, and what is left then decides (no line is returned twice).
 */
export const handler = httpHandler(applyForReturnRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  return retryOnConflict(async () => {
    const now = port('clock').now();
    // One round of reads: the order, and all the application needs, by the keys the request names.
    const earlierRead = sent(earlierAttempt(table, idempotency({ status: 201 }), now));
    const orderRead = sent(namedOrder(principal, body, 'return'));
    const reads = returnApplicationReads(body, namedCustomer(principal, body), now);
    const earlier = await earlierRead;
    if (earlier) throw earlier;
    const order = await orderRead;
    const { application, event, writes } = await returnApplicationFiled(order, body, principal.email, reads);
    const response = {
      status: 201,
      body: actsForCustomerOnly(principal) ? customerReturn(application) : application,
      headers: { location: `/returns/${application.id}` },
    };
    await writeAtomically(table, { now, events: [event], writes, idempotency: idempotency(response) });
    return response;
  });
});
