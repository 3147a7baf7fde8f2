import { statementLinkPath } from '../../shared/application/statements.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { signedBackPage, statementPage } from '../../shared/pages/statement.ts';
import { showStatementLinkRoute } from './routes.ts';
import { statementOfLink } from './statement-link.ts';

/** R38: a GET never signs: mail scanners open links within seconds of delivery. */
export const handler = httpHandler(showStatementLinkRoute, async ({ params }) => {
  const { statement } = await statementOfLink(params.link);
  if (statement.status !== 'sent') return { status: 200, body: signedBackPage(statement, { justNow: false }) };
  return { status: 200, body: statementPage(statement, statementLinkPath(params.link)) };
});
