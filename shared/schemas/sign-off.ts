import * as z from 'zod';
import { Decision, Outcome, SignOffRequest } from './approval.ts';
import { Timestamp } from './common.ts';

/** One of the people a sign-off group needs, with the form they fill in (if any). */
export const Signer = SignOffRequest.shape.signers.element;

/** A sign-off group as stored: who must sign, who has, and the workflow task its end answers. */
export const SignOff = z.object({
  id: z.string(),
  flow: z.string(),
  step: z.string(),
  subject: z.object({ kind: z.string(), id: z.string() }),
  status: z.enum(['open', 'signed', 'refused']),
  signers: z.array(
    Signer.extend({
      approvalId: z.string().optional(),
      signature: z
        .object({
          outcome: Outcome,
          by: z.string(),
          at: Timestamp,
          comment: z.string().optional(),
          values: Decision.shape.values,
        })
        .optional(),
    }),
  ),
  version: z.int(),
  createdAt: Timestamp,
});

export type Signer = z.infer<typeof Signer>;
export type SignOff = z.infer<typeof SignOff>;
