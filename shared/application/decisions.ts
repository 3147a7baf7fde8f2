import * as z from 'zod';
import { retryOnConflict } from '../persistence/write.ts';

/** A person's decision as a workflow step passes it to its worker (state-machines/kit/person-steps.ts `decision`). */
export const decisionFields = {
  approvalId: z.string(),
  outcome: z.enum(['approve', 'reject']),
  comment: z.string().default(''),
  values: z.record(z.string(), z.unknown()).default({}),
  decidedBy: z.string(),
  decidedAt: z.iso.datetime(),
};

/** Where a subject's workflow last went on a person's decision: a retried step answers the same. */
export type LastDecision = { approvalId: string; next: string };

/**
 * A person's decision recorded once (Step Functions and Lambda retry): when the subject read afresh already holds it
 * as its last, the step answers where it went; else `decide` says where it goes and `save` writes it with the
 * subject's `lastDecision` — a conflicting write reads again.
 */
export async function decidedOnce<S, C extends { next: string }>(
  approvalId: string,
  read: () => Promise<S & { last?: LastDecision | undefined }>,
  decide: (state: S) => Promise<C>,
  save: (state: S, change: C, last: LastDecision) => Promise<void>,
) {
  return await retryOnConflict(async () => {
    const state = await read();
    if (state.last?.approvalId === approvalId) return { next: state.last.next };
    const change = await decide(state);
    await save(state, change, { approvalId, next: change.next });
    return { next: change.next };
  });
}
