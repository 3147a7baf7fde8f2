import { renderStatement, statementFileName } from '../../shared/documents/statement.ts';
import { customerStatement } from '../../shared/domain/statement.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, negotiate } from '../../shared/http/negotiation.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { port } from '../../shared/runtime.ts';
import { getStatementRoute } from './routes.ts';

/** R38: a statement as JSON, or its document; a customer's user reads its own only (R42). */
export const handler = httpHandler(getStatementRoute, async ({ params, principal, headers }) => {
  const statement = await statementRepository(port('table')).get(params.id);
  assertVisible(principal, statement, 'Statement');
  if (negotiate(headers, ['application/json', 'application/pdf']) === 'application/json') {
    return { status: 200, body: actsForCustomerOnly(principal) ? customerStatement(statement) : statement };
  }
  return fileResult(await renderStatement(statement), 'application/pdf', statementFileName(statement));
});
