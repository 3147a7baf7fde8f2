import type { Approval } from '../schemas/approval.ts';
import type { SignOff } from '../schemas/sign-off.ts';

/**
 * A sign-off group: several named people must all sign one step, in any order, each from their own link; one
 * refusal ends the step with its written reason; the last signature completes it (R35's five signatures).
 */
export function sign(group: SignOff, approval: Approval): SignOff {
  const decision = approval.decision;
  if (!decision) throw new Error(`approval ${approval.id} is not decided`);
  const signers = group.signers.map((signer) =>
    signer.approvalId === approval.id
      ? {
          ...signer,
          signature: {
            outcome: decision.outcome,
            by: decision.by,
            at: decision.at,
            ...(decision.comment ? { comment: decision.comment } : {}),
            ...(decision.values ? { values: decision.values } : {}),
          },
        }
      : signer,
  );
  const refused = decision.outcome === 'reject';
  const complete = signers.every((s) => s.signature?.outcome === 'approve');
  return { ...group, signers, status: refused ? 'refused' : complete ? 'signed' : 'open', version: group.version + 1 };
}

/** Who still has to sign. */
export const unsigned = (group: SignOff) => group.signers.filter((s) => !s.signature);

/**
 * What the waiting workflow step receives once the group has ended: the outcome (a refusal's reason as the
 * comment), and every signature with its values, in the order the signers were named.
 */
export function signOffOutput(group: SignOff) {
  const refusal = group.signers.find((s) => s.signature?.outcome === 'reject')?.signature;
  const last = group.signers
    .flatMap((s) => (s.signature ? [s.signature] : []))
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1);
  const closing = refusal ?? last;
  return {
    signOffId: group.id,
    outcome: group.status === 'signed' ? 'approve' : 'reject',
    comment: refusal?.comment ?? '',
    values: {},
    signatures: group.signers.map((s) => ({
      role: s.role,
      assignee: s.assignee,
      outcome: s.signature?.outcome ?? null,
      by: s.signature?.by ?? null,
      at: s.signature?.at ?? null,
      comment: s.signature?.comment ?? '',
      values: s.signature?.values ?? {},
    })),
    decidedBy: closing?.by,
    decidedAt: closing?.at,
  };
}
