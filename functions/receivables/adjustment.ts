import * as z from 'zod';
import { closePendingApprovals } from '../../shared/application/approvals.ts';
import type { EventContext } from '../../shared/domain/events.ts';
import {
  adjustmentSubject,
  bookAdjustment,
  lapseAdjustment,
  refuseAdjustment,
} from '../../shared/domain/ledger-adjustment.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { adjustmentRepository } from '../../shared/persistence/adjustments.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { booked, ledgerRepository } from '../../shared/persistence/ledger.ts';
import { retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';

const flow = 'ledger-adjustment';
const actor = `workflow:${flow}`;

const Ids = { customerId: z.string(), adjustmentId: z.string() };
const Decided = { decidedBy: z.string(), decidedAt: z.iso.datetime() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Ids }),
  z.object({ action: z.literal('book'), ...Ids, ...Decided }),
  z.object({ action: z.literal('refuse'), ...Ids, ...Decided, comment: z.string() }),
  z.object({ action: z.literal('lapse'), ...Ids }),
]);

/** The ledger-adjustment workflow's own steps (state-machines/ledger-adjustment.asl.json); each idempotent. */
async function adjustmentStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const adjustments = adjustmentRepository(table);
  const read = async () => {
    const adjustment = await adjustments.get(step.customerId, step.adjustmentId);
    const customer = await customerRepository(table).get(step.customerId);
    const now = port('clock').now();
    const context: EventContext = { now: now.toISOString(), actor, newId: port('ids').next };
    return { adjustment, customer, now, context };
  };

  switch (step.action) {
    case 'load': {
      const { adjustment, customer } = await read();
      const { balance } = await ledgerRepository(table).receivable(customer.id);
      return adjustmentSubject(customer, adjustment, balance);
    }

    case 'book':
      return await retryOnConflict(async () => {
        const { adjustment, customer, now, context } = await read();
        // Booked by an earlier attempt of this step (a Lambda retry): booked once.
        if (adjustment.status !== 'pending') return { status: adjustment.status };
        const decision = { by: step.decidedBy, at: step.decidedAt };
        const approved = bookAdjustment(customer, adjustment, decision, context);
        // One transaction: the adjustment approved (version-checked), its guard released, the customer's history,
        // the ledger entry and the receivable moved, the event.
        await writeAtomically(table, {
          now,
          events: [approved.event],
          writes: [...adjustments.saved(approved.adjustment, approved), ...booked(table.name, approved.entry)],
        });
        return { status: approved.adjustment.status };
      });

    case 'refuse':
      return await retryOnConflict(async () => {
        const { adjustment, customer, now, context } = await read();
        if (adjustment.status !== 'pending') return { status: adjustment.status };
        const decision = { by: step.decidedBy, at: step.decidedAt, reason: step.comment };
        const refused = refuseAdjustment(customer, adjustment, decision, context);
        await adjustments.save(refused.adjustment, now, refused);
        return { status: refused.adjustment.status };
      });

    case 'lapse':
      return await retryOnConflict(async () => {
        const { adjustment, customer, now, context } = await read();
        await closePendingApprovals({ kind: 'customer', id: customer.id }, 'nobody decided in time', (f) => f === flow);
        if (adjustment.status !== 'pending') return { status: adjustment.status };
        const lapsed = lapseAdjustment(customer, adjustment, context);
        await adjustments.save(lapsed.adjustment, now, lapsed);
        return { status: lapsed.adjustment.status };
      });
  }
}

export const handler = observed(adjustmentStep, correlationIdIn);
