import * as z from 'zod';
import { closePendingApprovals } from '../../shared/application/approvals.ts';
import { accountOwnerIn, accountTeamIn, currentDirectory } from '../../shared/application/people.ts';
import { parseAmountsPerCurrency } from '../../shared/domain/amounts-per-currency.ts';
import {
  applyTermsChange,
  describeTermsChange,
  lapseTermsChange,
  refuseTermsChange,
  termsChangeNeedsCode,
  termsChangeSubject,
  whyNotApplicable,
} from '../../shared/domain/customer-terms-change.ts';
import type { EventContext } from '../../shared/domain/events.ts';
import { labelOf } from '../../shared/domain/staff.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { termsChangeRepository } from '../../shared/persistence/terms-changes.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { requiredSetting, settings } from '../../shared/settings.ts';

/** Read and checked as the worker starts: a malformed setting fails its first call loudly. */
const codeThresholds = parseAmountsPerCurrency(
  requiredSetting('credit-raise-code-thresholds'),
  'Credit raise thresholds',
  settings['credit-raise-code-thresholds'].variable,
);

const flow = 'customer-terms-change';
const actor = `workflow:${flow}`;

const Ids = { customerId: z.string(), termsChangeId: z.string() };
const Decided = { decidedBy: z.string(), decidedAt: z.iso.datetime() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Ids }),
  z.object({ action: z.literal('apply'), ...Ids, ...Decided }),
  z.object({ action: z.literal('refuse'), ...Ids, ...Decided, comment: z.string() }),
  z.object({ action: z.literal('lapse'), ...Ids }),
]);

/** The customer-terms-change workflow's own steps (state-machines/customer-terms-change.asl.json); each idempotent. */
async function termsChangeStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const customers = customerRepository(table);
  const termsChanges = termsChangeRepository(table);
  /** The request, its customer as it is now, the directory's names and teams, and whom to tell. */
  const read = async () => {
    const change = await termsChanges.get(step.customerId, step.termsChangeId);
    const customer = await customers.get(step.customerId);
    const { directory, now } = await currentDirectory();
    const nameOf = (staffId: string) => {
      const person = directory.find(staffId);
      return person ? labelOf(person) : staffId;
    };
    const terms = describeTermsChange(change, customer.currency, nameOf);
    const team = accountTeamIn(directory, customer.accountOwner, now);
    const context: EventContext = { now: now.toISOString(), actor, newId: port('ids').next };
    return { change, customer, directory, terms, team, now, context };
  };

  switch (step.action) {
    case 'load': {
      const { change, customer, terms } = await read();
      const needsCode = termsChangeNeedsCode(change, customer.currency, codeThresholds);
      return { ...termsChangeSubject(customer, change, terms), needsCode };
    }

    case 'apply':
      return await retryOnConflict(async () => {
        const { change, customer, directory, terms, team, now, context } = await read();
        // Done by an earlier attempt of this step (a Lambda retry): applied once.
        if (change.status !== 'pending') return { status: change.status };
        // The new owner must still be an active merchandiser (someone may have left while the request waited).
        const newOwner = change.requested.accountOwner;
        const owner = newOwner ? accountOwnerIn(directory, newOwner) : undefined;
        const refusal = whyNotApplicable(customer, change) ?? (owner && 'problem' in owner ? owner.problem : undefined);
        if (refusal) {
          // Approved, but it cannot apply as asked: refused in writing, the customer keeps its terms.
          const decision = { by: actor, at: context.now, reason: refusal };
          const refused = refuseTermsChange(customer, change, decision, { terms, team }, context);
          await termsChanges.save(refused.termsChange, now, refused);
          return { status: refused.termsChange.status };
        }
        const newTeam = newOwner ? accountTeamIn(directory, newOwner, now) : undefined;
        const decision = { by: step.decidedBy, at: step.decidedAt };
        const applied = applyTermsChange(customer, change, decision, { terms, team, newTeam }, context);
        // One transaction: the customer (version-checked), the request approved and its guard released, the history
        // entry with before and after, the event.
        await customers.update(
          applied.customer,
          customer.version,
          applied.event,
          now,
          termsChanges.saved(applied.termsChange, applied),
        );
        return { status: applied.termsChange.status };
      });

    case 'refuse':
      return await retryOnConflict(async () => {
        const { change, customer, terms, team, now, context } = await read();
        if (change.status !== 'pending') return { status: change.status };
        const decision = { by: step.decidedBy, at: step.decidedAt, reason: step.comment };
        const refused = refuseTermsChange(customer, change, decision, { terms, team }, context);
        await termsChanges.save(refused.termsChange, now, refused);
        return { status: refused.termsChange.status };
      });

    case 'lapse':
      return await retryOnConflict(async () => {
        const { change, customer, terms, team, now, context } = await read();
        await closePendingApprovals({ kind: 'customer', id: customer.id }, 'nobody decided in time', (f) => f === flow);
        if (change.status !== 'pending') return { status: change.status };
        const lapsed = lapseTermsChange(customer, change, { terms, team }, context);
        await termsChanges.save(lapsed.termsChange, now, lapsed);
        return { status: lapsed.termsChange.status };
      });
  }
}

export const handler = observed(termsChangeStep, correlationIdIn);
