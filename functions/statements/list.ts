import { customerStatement } from '../../shared/domain/statement.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { port } from '../../shared/runtime.ts';
import { listStatementsRoute } from './routes.ts';

/** The statements register; a customer's user reads its own only, whatever customer it asks for. */
export const handler = httpHandler(listStatementsRoute, async ({ query, principal }) => {
  const ownOnly = actsForCustomerOnly(principal);
  const page = await statementRepository(port('table')).page({
    ...query,
    ...(ownOnly ? { customer: principal.customerId } : {}),
  });
  return { status: 200, body: ownOnly ? { ...page, items: page.items.map(customerStatement) } : page };
});
