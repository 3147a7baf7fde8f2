import { inOrder } from '../../shared/application/reads.ts';
import { ageing } from '../../shared/domain/ageing.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { ledgerRepository } from '../../shared/persistence/ledger.ts';
import { port } from '../../shared/runtime.ts';
import { getCustomerLedger } from './routes.ts';

/** F7: what the customer owes, by age, and what moved it; a customer's user reads its own ledger only (R42). */
export const handler = httpHandler(getCustomerLedger, async ({ params, query, principal }) => {
  assertVisible(principal, { id: params.id, customerId: params.id }, 'Customer');
  const table = port('table');
  const ledger = ledgerRepository(table);
  // One round: the customer (404 when there is none), its receivable, the page of its ledger and all of it to age.
  const [customer, receivable, page, all] = await inOrder([
    customerRepository(table).get(params.id),
    ledger.receivable(params.id),
    ledger.entries(params.id, query),
    ledger.all(params.id),
  ]);
  const today = calendarDateIn(port('clock').now(), companyTimeZone);
  const aged = ageing(all, { terms: customer.settlement, currency: customer.currency, today });
  return { status: 200, body: { customerId: customer.id, ...receivable, ageing: aged, ...page } };
});
