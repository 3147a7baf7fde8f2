import { inOrder } from '../../shared/application/reads.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { namedInBody } from '../../shared/domain/errors.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { recordPayment } from '../../shared/domain/payment.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { PaymentRecordedAlready, paymentRepository } from '../../shared/persistence/payments.ts';
import { retryOnConflict, unlessRetried } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { recordPaymentRoute } from './routes.ts';

/**
 * R9: finance records money received. The same receipt — the customer's bank reference — is recorded once: a retry
 * with the same Idempotency-Key gets the first answer; another request for it gets 409 naming the payment. Against an
 * order, the order's ledger moves in the same write, from a fresh read whenever the order moved meanwhile.
 */
export const handler = httpHandler(recordPaymentRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  const payments = paymentRepository(table);
  // An order that moved meanwhile is read again; a duplicate stays one however often it is read again.
  return retryOnConflict(
    async () => {
      const now = port('clock').now();
      // One round of reads before the write, each named by the request: the customer, an earlier attempt of this
      // request, the payment that took the reference, the order.
      const [customer, , taken, read] = await inOrder([
        customerRepository(table).get(body.customerId).catch(namedInBody('customerId', 'a customer')),
        unlessRetried(table, idempotency({ status: 201 }), now),
        payments.byReference(body.customerId, body.reference),
        body.orderId ? orderRepository(table).get(body.orderId).catch(namedInBody('orderId', 'an order')) : undefined,
      ]);
      if (taken) throw new PaymentRecordedAlready(taken, body.reference);
      const facts = { customer, order: read?.order, today: calendarDateIn(now, companyTimeZone) };
      const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
      const { payment, event, order, history } = recordPayment(body, facts, context);
      const response = { status: 201, body: payment, headers: { location: `/payments/${payment.id}` } };
      const ledger = read && order && history ? { order, expectedVersion: read.order.version, history } : undefined;
      await payments.record({ payment, event, order: ledger }, now, idempotency(response));
      return response;
    },
    5,
    (error) => error instanceof PaymentRecordedAlready,
  );
});
