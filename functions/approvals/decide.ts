import { decideApproval } from '../../shared/application/approvals.ts';
import { currentDirectory } from '../../shared/application/people.ts';
import { sent } from '../../shared/application/reads.ts';
import { Forbidden } from '../../shared/domain/errors.ts';
import { leaderRoles } from '../../shared/domain/staff.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { port } from '../../shared/runtime.ts';
import { decideApprovalRoute } from './routes.ts';

/**
 * Through the API a decision is made by the person it was asked of, or by whoever stands in for them while they
 * are away (the staff directory says who) — not by anyone merely holding the role; never by the person who asked
 * for what is decided (decideApproval refuses that, by link too).
 */
export const handler = httpHandler(decideApprovalRoute, async ({ params, body, principal }) => {
  // One round of reads before the write: the approval and the staff directory, the approval's answer awaited first.
  const directoryRead = sent(currentDirectory());
  const stored = await approvalRepository(port('table')).get(params.id);
  // An escalated step is decided by the leader it went to, on behalf of the step's role.
  const deciding = stored.escalatedFrom ? leaderRoles : [stored.role];
  if (!deciding.some((role) => principal.roles.includes(role))) {
    throw new Forbidden(`This step is decided by the ${deciding.join(' or ')} role.`);
  }
  const { directory } = await directoryRead;
  const segregation = stored.requestedBy && directory.notTheRequester(stored.requestedBy, principal.email);
  if (segregation && !segregation.allowed) throw new Forbidden(segregation.reason);
  const role = stored.escalatedFrom ? undefined : stored.role;
  const may = directory.mayDecide(principal.email, stored.assignee, port('clock').now(), role);
  if (!may.allowed) throw new Forbidden(may.reason);
  const { approval } = await decideApproval(stored, body, { by: principal.email, channel: 'api' }, directoryRead);
  return { status: 200, body: approval };
});
