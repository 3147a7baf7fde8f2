import { inOrder } from '../../shared/application/reads.ts';
import { requestAdjustment } from '../../shared/domain/ledger-adjustment.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { adjustmentRepository } from '../../shared/persistence/adjustments.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { unlessRetried } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { requestAdjustmentRoute } from './routes.ts';

/**
 * Asks for a manual adjustment of a customer's ledger (R40). Nothing is booked here: the ledger-adjustment workflow
 * (started by LedgerAdjustmentRequested) asks the requester's leader, and only the approval books it. 409 while
 * another adjustment of the customer waits.
 */
export const handler = httpHandler(requestAdjustmentRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  const now = port('clock').now();
  // One round of reads before the write: an earlier attempt of this request, and the customer.
  const [, customer] = await inOrder([
    unlessRetried(table, idempotency({ status: 202 }), now),
    customerRepository(table).get(params.id),
  ]);
  const { adjustment, event, history } = requestAdjustment(customer, body, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  const response = versioned(202, adjustment, { location: `/customers/${customer.id}/adjustments/${adjustment.id}` });
  await adjustmentRepository(table).open(adjustment, { event, history }, now, { idempotency: idempotency(response) });
  return response;
});
