import { signOffOutput, unsigned } from '../domain/sign-off.ts';
import { approvalIdFor } from '../persistence/approvals.ts';
import { signOffIdFor, signOffRepository } from '../persistence/sign-offs.ts';
import { writeAtomically } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { SignOffRequest } from '../schemas/approval.ts';
import type { SignOff } from '../schemas/sign-off.ts';
import { requestApproval } from './approvals.ts';

/**
 * A step that several people must sign: each unsigned signer gets an approval of their own (with their form) and
 * its link; the group remembers who signed and which task waits for the end. A reminder (a new task) carries the
 * signatures over and asks only those who have not signed; if the group ended meanwhile, the task is answered now.
 */
export async function requestSignOff(request: SignOffRequest, taskToken: string) {
  const { execution, signers, ...asked } = request;
  const table = port('table');
  const groups = signOffRepository(table);
  const now = port('clock').now();
  const id = signOffIdFor(execution, request.step);
  const existing = await groups.find(id);
  const first = request.reminder === 0 && !request.escalatedFrom;
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
  group.signers = group.signers.map((signer, i) =>
    signer.signature ? signer : { ...signer, approvalId: approvalIdFor(`${taskToken}#${i}`) },
  );
  await writeAtomically(table, { now, events: [], writes: [groups.write(group, existing?.version)] });
  for (const signer of unsigned(group)) {
    await requestApproval(
      {
        ...asked,
        role: signer.role,
        assignee: signer.assignee,
        form: signer.form,
        group: { id, size: signers.length },
      },
      taskToken,
      signer.approvalId,
    );
  }
  return group;
}
