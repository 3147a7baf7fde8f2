import { newAccount } from '../../shared/application/people.ts';
import { openCustomer } from '../../shared/domain/customer.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import { createCustomer } from './routes.ts';

export const handler = httpHandler(createCustomer, async ({ body, principal, idempotency }) => {
  const now = port('clock').now();
  const ids = port('ids');
  const { accountOwner, team } = await newAccount(body.accountOwner);
  const input = { ...body, accountOwner };
  const { customer, event } = openCustomer(input, team, {
    now: now.toISOString(),
    actor: principal.email,
    newId: ids.next,
  });
  const response = versioned(201, customer, { location: `/customers/${customer.id}` });
  await customerRepository(port('table')).create(customer, event, now, idempotency(response));
  return response;
});
