import type { StaffRole } from '../../shared/domain/roles.ts';
import type { JsonPath } from './asl.ts';
import type { Approver } from './workflow.ts';

/**
 * Who decides a step, in the business's words; request-approval resolves each over the staff directory when it
 * asks (who is on duty, who stands in for whom, who leads whom). `owner` is a path to the customer's account owner
 * (a staff id the load step read from the customer).
 */

/** Whoever is on duty for the role (PMC's planner on duty, the finance desk, the general manager). */
export const onDuty = (role: StaffRole): Approver => ({ role, approver: { rule: 'on-duty' } });

/** The customer's merchandiser: its account owner, or whoever stands in for them. */
export const accountOwner = (owner: JsonPath): Approver => ({
  role: 'merchandiser',
  approver: { rule: 'account-owner', staff: owner },
});

/** The customer's sales manager: the account owner's leader. */
export const salesManager = (owner: JsonPath): Approver => ({
  role: 'leader',
  approver: { rule: 'leader-of', staff: owner },
});

/** A role and rule the load step chose (R16: the sales manager or the general manager, by amount). */
export const chosen = (role: JsonPath, approver: JsonPath): Approver => ({ role, approver });

/**
 * The leader of a person (a staff id or e-mail from the server's records): who approves what that person asked for,
 * such as the finance leader a clerk's ledger adjustment.
 */
export const leaderOf = (person: JsonPath): Approver => ({
  role: 'leader',
  approver: { rule: 'leader-of', staff: person },
});
