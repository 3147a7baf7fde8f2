import { httpHandler } from '../../shared/http/handler.ts';
import { approvalRepository, publicApproval } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { listApprovals } from './routes.ts';

export const handler = httpHandler(listApprovals, async ({ query }) => {
  const [kind = '', id = ''] = query.subject.split(':');
  const approvals = await approvalRepository(port('table')).forSubject(kind, id);
  return { status: 200, body: { items: approvals.map(publicApproval) } };
});
