import { inOrder } from '../../shared/application/reads.ts';
import { signBack } from '../../shared/application/statements.ts';
import { customerStatement } from '../../shared/domain/statement.ts';
import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { retryOnConflict, unlessRetried } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { signBackStatementRoute } from './routes.ts';

/** R38: the customer's system confirms or disputes its statement. */
export const handler = httpHandler(signBackStatementRoute, async ({ params, body, principal, idempotency }) => {
  const table = port('table');
  return retryOnConflict(async () => {
    // One round of reads before the write: an earlier attempt of this request, and the statement.
    const [, statement] = await inOrder([
      unlessRetried(table, idempotency({ status: 200 }), port('clock').now()),
      statementRepository(table).get(params.id),
    ]);
    assertVisible(principal, statement, 'Statement');
    return await signBack(statement, body, { via: 'api' }, (signed) => {
      const response = { status: 200, body: customerStatement(signed) };
      return { response, idempotency: idempotency(response) };
    });
  });
});
