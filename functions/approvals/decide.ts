import { decideApproval } from '../../shared/application/approvals.ts';
import { Forbidden } from '../../shared/domain/errors.ts';
import { staffDirectory } from '../../shared/domain/staff-directory.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { staffRepository } from '../../shared/persistence/staff.ts';
import { port } from '../../shared/runtime.ts';
import { decideApprovalRoute } from './routes.ts';

/**
 * Through the API a decision is made by the person it was asked of, or by whoever stands in for them while they
 * are away (the staff directory says who) — not by anyone merely holding the role.
 */
export const handler = httpHandler(decideApprovalRoute, async ({ params, body, principal }) => {
  const table = port('table');
  const stored = await approvalRepository(table).get(params.id);
  if (!principal.roles.includes(stored.role)) {
    throw new Forbidden(`This step is decided by the ${stored.role} role.`);
  }
  const { staff } = await staffRepository(table).directory();
  const may = staffDirectory(staff).mayDecide(principal.email, stored.assignee, port('clock').now(), stored.role);
  if (!may.allowed) throw new Forbidden(may.reason);
  return { status: 200, body: await decideApproval(stored, body, { by: principal.email, channel: 'api' }) };
});
