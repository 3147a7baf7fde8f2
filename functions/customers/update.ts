import { changeCustomer } from '../../shared/domain/customer.ts';
import { Conflict, PreconditionRequired } from '../../shared/domain/errors.ts';
import { expectedVersion, httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { updateCustomer } from './routes.ts';

export const handler = httpHandler(updateCustomer, async ({ params, body, headers, principal }) => {
  const { version: bodyVersion, ...changes } = body;
  const expected = expectedVersion(headers, bodyVersion);
  if (expected === undefined) {
    throw new PreconditionRequired('Send the version you read, as If-Match: "<version>" or as "version" in the body.');
  }
  const customers = customerRepository(port('table'));
  const current = await customers.get(params.id);
  if (current.version !== expected) {
    throw new Conflict(`Customer ${params.id} was changed by someone else; read it again and retry.`, [
      { field: 'version', message: `is not the current version (you sent ${expected}, it is ${current.version})` },
    ]);
  }
  const now = port('clock').now();
  const { customer, event } = changeCustomer(current, changes, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  if (event) await customers.update(customer, expected, event, now);
  return versioned(200, customer);
});
