import { changeCustomer } from '../../shared/domain/customer.ts';
import { assertUnchanged, expectedVersion, httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { updateCustomer } from './routes.ts';

/** Master data edits; the terms (settlement, account owner) are refused by the schema: they go through a request. */
export const handler = httpHandler(updateCustomer, async ({ params, body, headers, principal }) => {
  const { version: bodyVersion, ...changes } = body;
  const expected = expectedVersion(headers, bodyVersion);
  const customers = customerRepository(port('table'));
  const current = await customers.get(params.id);
  assertUnchanged(current, expected, `Customer ${params.id}`);
  const now = port('clock').now();
  const { customer, event } = changeCustomer(current, changes, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  if (event) await customers.update(customer, expected, event, now);
  return versioned(200, customer);
});
