import { httpHandler } from '../../shared/http/handler.ts';
import { approvalRepository, publicApproval } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { getApproval } from './routes.ts';

export const handler = httpHandler(getApproval, async ({ params }) => ({
  status: 200,
  body: publicApproval(await approvalRepository(port('table')).get(params.id)),
}));
