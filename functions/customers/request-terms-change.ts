import { accountOwnerId } from '../../shared/application/people.ts';
import { inOrder } from '../../shared/application/reads.ts';
import { requestTermsChange } from '../../shared/domain/customer-terms-change.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { termsChangeRepository } from '../../shared/persistence/terms-changes.ts';
import { unlessRetried } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { requestTermsChangeRoute } from './routes.ts';

/**
 * Asks for a change of a customer's terms. Nothing changes here: the customer-terms-change workflow (started by
 * TermsChangeRequested) asks the sales manager, and only the approval applies it. 400 naming the field when nothing
 * changes or the owner is no active merchandiser; 409 while another terms change of the customer waits.
 */
export const handler = httpHandler(requestTermsChangeRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  const now = port('clock').now();
  // One round of reads before the write: an earlier attempt (a retry of a request since applied would find nothing
  // left to change: it gets the first response, whatever the others find), the customer and, for a new owner, the
  // staff directory.
  const [, customer, accountOwner] = await inOrder([
    unlessRetried(table, idempotency({ status: 202 }), now),
    customerRepository(table).get(params.id),
    body.accountOwner === undefined ? undefined : accountOwnerId(body.accountOwner),
  ]);
  const asked = accountOwner === undefined ? body : { ...body, accountOwner };
  const { termsChange, event, history } = requestTermsChange(customer, asked, {
    now: now.toISOString(),
    actor: principal.email,
    newId: port('ids').next,
  });
  const location = `/customers/${customer.id}/terms-changes/${termsChange.id}`;
  const response = versioned(202, termsChange, { location });
  await termsChangeRepository(table).open(termsChange, { event, history }, now, { idempotency: idempotency(response) });
  return response;
});
