import { signOffOutput } from '../domain/sign-off.ts';
import { approvalIdFor } from '../persistence/approvals.ts';
import { signOffIdFor, signOffRepository } from '../persistence/sign-offs.ts';
import { writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { SignOffRequest } from '../schemas/approval.ts';
import type { SignOff } from '../schemas/sign-off.ts';
import { requestApproval } from './approvals.ts';
import { resolveApprover } from './approvers.ts';

/**
 * A step that several people must sign: each unsigned signer is resolved by their rule over the staff directory and
 * gets an approval of their own (with their form) and its link; the group remembers who signed and which task waits for the end. A reminder (a new task) carries the
 * signatures over and asks only those who have not signed; if the group ended meanwhile, the task is answered now.
 */
export async function requestSignOff(request: SignOffRequest, taskToken: string) {
  const { execution, signers, ...asked } = request;
  const table = port('table');
  const groups = signOffRepository(table);
  const now = port('clock').now();
  const id = signOffIdFor(execution, request.step);
  const existing = await groups.find(id);
  const first = request.reminder === 0;
  if (existing && existing.status !== 'open' && !first) {
    await port('workflows').sendTaskSuccess(taskToken, signOffOutput(existing));
    return existing;
  }
  // A retried first request (the same task) keeps what was signed since, as a reminder does.
  const carried = existing?.status === 'open' && (!first || existing.taskToken === taskToken) ? existing : undefined;
  const group: SignOff & { taskToken: string } = {
    id,
    flow: request.flow,
    step: request.step,
    subject: { kind: request.subject.kind, id: request.subject.id },
    status: 'open',
    createdAt: carried?.createdAt ?? now.toISOString(),
    ...(carried ?? { signers }),
    taskToken,
    version: (existing?.version ?? 0) + 1,
  };
  const whys = new Map<number, string>();
  group.signers = await Promise.all(
    group.signers.map(async (signer, i) => {
      if (signer.signature) return signer;
      const { assignee, assignedBecause } = await resolveApprover({ ...asked, ...signer });
      whys.set(i, assignedBecause);
      return { ...signer, assignee: assignee.email, approvalId: approvalIdFor(`${taskToken}#${i}`) };
    }),
  );
  await writeAtomically(table, { now, events: [], writes: [groups.write(group, existing?.version)] });
  for (const [i, signer] of group.signers.entries()) {
    if (signer.signature || !signer.assignee) continue;
    await requestApproval(
      {
        ...asked,
        role: signer.role,
        assignee: signer.assignee,
        assignedBecause: whys.get(i),
        form: signer.form,
        group: { id, size: signers.length },
        execution,
      },
      taskToken,
      signer.approvalId,
    );
  }
  return group;
}
