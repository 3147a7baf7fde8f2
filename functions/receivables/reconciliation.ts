import { inOrder } from '../../shared/application/reads.ts';
import { companyMidnight } from '../../shared/domain/company.ts';
import { addDays } from '../../shared/domain/lead-time.ts';
import { reconcile } from '../../shared/domain/reconciliation.ts';
import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { ledgerRepository } from '../../shared/persistence/ledger.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { paymentRepository } from '../../shared/persistence/payments.ts';
import { port } from '../../shared/runtime.ts';
import { reconciliationRoute } from './routes.ts';

/**
 * R40: a customer's orders, delivery and return notes, adjustments, invoices and payments of a period side by side,
 * with what does not agree (docs/decisions/reconciliation.md); a customer's user reads its own only (R42).
 */
export const handler = httpHandler(reconciliationRoute, async ({ params, query, principal }) => {
  assertVisible(principal, { id: params.id, customerId: params.id }, 'Customer');
  const table = port('table');
  const ledger = ledgerRepository(table);
  const { from, to } = query;
  // One round: the customer (404 when there is none) and what is reconciled, all named by the customer's id; the
  // orders by the company's days, from the first's midnight to the midnight after the last.
  const [customer, orders, entries, invoices, payments] = await inOrder([
    customerRepository(table).get(params.id),
    orderRepository(table).placedBetween(params.id, companyMidnight(from), companyMidnight(addDays(to, 1))),
    ledger.all(params.id),
    ledger.invoicesIssued(params.id, from, to),
    paymentRepository(table).receivedBetween(params.id, from, to),
  ]);
  const body = reconcile({
    customerId: customer.id,
    currency: customer.currency,
    from,
    to,
    orders,
    ledger: entries,
    invoices,
    payments,
  });
  return { status: 200, body };
});
