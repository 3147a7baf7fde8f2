import { signBack, statementLinkPath } from '../../shared/application/statements.ts';
import { type FieldIssue, ValidationFailed } from '../../shared/domain/errors.ts';
import { httpHandler, issuesOf } from '../../shared/http/handler.ts';
import { postedValues } from '../../shared/pages/layout.ts';
import { entryField, signedBackPage, statementPage } from '../../shared/pages/statement.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { type Statement, StatementSignBack } from '../../shared/schemas/statement.ts';
import { signBackByLinkRoute } from './routes.ts';
import { statementOfLink } from './statement-link.ts';

/** The form as a StatementSignBack: the entries ticked, and what does not hold said beside its field. */
function answerOf(statement: Statement, posted: Record<string, string>) {
  const entries = statement.lines.flatMap((line, i) => (posted[entryField(i)] ? [line.reference] : []));
  const parsed = StatementSignBack.safeParse({
    outcome: posted.outcome,
    signedBy: posted.signedBy ?? '',
    ...(posted.outcome === 'disputed' ? { entries, comment: posted.comment ?? '' } : {}),
  });
  const issues: FieldIssue[] = parsed.success
    ? []
    : issuesOf(parsed.error, '').map((issue) =>
        issue.field === 'outcome' ? { ...issue, message: '请选择确认或提出异议 Choose to confirm or to query' } : issue,
      );
  return { answer: parsed.data, issues };
}

/**
 * R38: the customer's person confirms the statement, or disputes the entries ticked with what is wrong, from the link
 * e-mailed with it — recorded as through the API, in the name given and "from the link"; a problem brings the form
 * back as sent; a statement answered already (a second click, another contact) shows that answer.
 */
export const handler = httpHandler(signBackByLinkRoute, async ({ params, body }) => {
  const posted = postedValues(body);
  const action = statementLinkPath(params.link);
  return await retryOnConflict(async () => {
    const { statement, hash } = await statementOfLink(params.link);
    if (statement.status !== 'sent') return { status: 200, body: signedBackPage(statement, { justNow: false }) };
    const again = (errors: FieldIssue[]) => ({
      status: 400,
      body: statementPage(statement, action, { values: posted, errors }),
    });
    const { answer, issues } = answerOf(statement, posted);
    if (!answer || issues.length) return again(issues);
    try {
      return await signBack(statement, answer, { via: 'link', link: hash.slice(0, 16) }, (signed) => ({
        response: { status: 200, body: signedBackPage(signed, { justNow: true }) },
      }));
    } catch (error) {
      if (error instanceof ValidationFailed) return again(error.errors ?? []);
      throw error;
    }
  });
});
