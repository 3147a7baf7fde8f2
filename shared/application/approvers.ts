import { nobodyToEscalateTo, sameExecution } from '../domain/approval.ts';
import type { StaffRole } from '../domain/roles.ts';
import { NobodyToAsk, type Resolution, resolvedOrThrow } from '../domain/staff-directory.ts';
import { approvalRepository } from '../persistence/approvals.ts';
import { port } from '../runtime.ts';
import type { ApproverRule } from '../schemas/approval.ts';
import type { Staff } from '../schemas/staff.ts';
import { currentDirectory } from './people.ts';

/** An escalation with nobody above the person asked: the workflow lapses the step (the task fails with this). */
export class NobodyToEscalateTo extends Error {
  override name = nobodyToEscalateTo;
}

export type Asked = {
  flow: string;
  step: string;
  subject: { kind: string; id: string };
  /** The workflow execution asking (an escalation goes past whom that execution asked). */
  execution?: string | undefined;
  role: StaffRole;
  approver: ApproverRule;
  requestedBy?: string;
};

export type Resolved = { assignee: Staff; assignedBecause: string; escalatedFrom?: string };

/**
 * The person a step asks, by its rule, resolved on the server over the staff directory. Nobody approves what they
 * asked for: when the rule lands on the requester, the requester's leader is asked instead. Nobody to ask is a
 * NobodyToAsk (the step fails and operations are alerted, naming what to fix); an escalation with nobody above
 * the person asked is a NobodyToEscalateTo (the step lapses).
 */
export async function resolveApprover(asked: Asked): Promise<Resolved> {
  const { directory, now } = await currentDirectory();
  const { approver, role } = asked;
  let resolution: Resolution;
  let escalatedFrom: string | undefined;
  if (approver.rule === 'on-duty') resolution = directory.onDuty(role, now);
  else if (approver.rule === 'deputy-on-duty') resolution = directory.deputyOnDuty(role, now);
  else if (approver.rule === 'account-owner') {
    resolution = directory.standIn(approver.staff, now, { roles: [role] });
    if (resolution.ok && resolution.insteadOf.length === 0) {
      resolution = { ...resolution, reason: `${resolution.person.name} owns the customer's account` };
    }
  } else if (approver.rule === 'leader-of') resolution = directory.leaderOf(approver.staff, now);
  else {
    escalatedFrom = await firstAsked(asked);
    if (!escalatedFrom) throw new NobodyToEscalateTo(`${asked.step} was not asked of anyone before.`);
    resolution = directory.leaderOf(escalatedFrom, now);
    if (!resolution.ok) throw new NobodyToEscalateTo(resolution.problem);
  }
  let assignee = resolvedOrThrow(resolution);
  let assignedBecause = resolution.ok ? resolution.reason : '';
  const segregation = asked.requestedBy && directory.notTheRequester(asked.requestedBy, assignee.email);
  if (segregation && !segregation.allowed) {
    const above = directory.leaderOf(assignee, now);
    if (!above.ok) throw new NobodyToAsk(`${segregation.reason} ${above.problem}`);
    assignee = above.person;
    assignedBecause = `${segregation.reason} ${above.reason}`;
  }
  return { assignee, assignedBecause, ...(escalatedFrom ? { escalatedFrom } : {}) };
}

/** Whom the step was first asked of (its latest request that was not itself an escalation). */
async function firstAsked(asked: Asked) {
  const approvals = await approvalRepository(port('table')).forSubject(asked.subject.kind, asked.subject.id);
  const earlier = approvals
    .filter(
      (a) => a.flow === asked.flow && a.step === asked.step && sameExecution(a, asked) && !a.escalatedFrom && !a.group,
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return earlier.at(-1)?.assignee;
}
