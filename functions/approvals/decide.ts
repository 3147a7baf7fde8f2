import { decideApproval } from '../../shared/application/approvals.ts';
import { Forbidden } from '../../shared/domain/errors.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { decideApprovalRoute } from './routes.ts';

export const handler = httpHandler(decideApprovalRoute, async ({ params, body, principal }) => {
  const stored = await approvalRepository(port('table')).get(params.id);
  if (!principal.roles.includes(stored.role)) {
    throw new Forbidden(`This step is decided by the ${stored.role} role.`);
  }
  return { status: 200, body: await decideApproval(stored, body, { by: principal.email, channel: 'api' }) };
});
