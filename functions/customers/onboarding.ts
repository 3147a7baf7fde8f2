import * as z from 'zod';
import { closePendingApprovals } from '../../shared/application/approvals.ts';
import { accountTeam } from '../../shared/application/people.ts';
import { concludeOnboarding } from '../../shared/domain/customer.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { type CustomerReviewLapsed, onboardingSubject } from '../../shared/domain/onboarding.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { Timestamp } from '../../shared/schemas/common.ts';

const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), customerId: z.string() }),
  z.object({
    action: z.literal('conclude'),
    customerId: z.string(),
    outcome: z.enum(['active', 'rejected']),
    reason: z.string().optional(),
    decidedBy: z.string(),
    decidedAt: Timestamp,
  }),
  z.object({ action: z.literal('lapse'), customerId: z.string() }),
]);

/** The customer-onboarding workflow's own steps (state-machines/customer-onboarding.asl.json). */
async function onboardingStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const customers = customerRepository(table);
  const current = await customers.get(step.customerId);
  const now = port('clock').now();
  const context = { now: now.toISOString(), actor: 'workflow:customer-onboarding', newId: port('ids').next };
  switch (step.action) {
    case 'load':
      return onboardingSubject(current);
    case 'conclude': {
      const { action, customerId, ...review } = step;
      const { customer, event: concluded } = concludeOnboarding(current, review, await accountTeam(current), context);
      if (concluded) await customers.update(customer, current.version, concluded, now);
      return { status: customer.status };
    }
    case 'lapse': {
      await closePendingApprovals({ kind: 'customer', id: current.id }, 'nobody answered in time');
      const lapsed: CustomerReviewLapsed = domainEvent(
        'CustomerReviewLapsed',
        { kind: 'customer', id: current.id },
        { customer: current, team: await accountTeam(current) },
        context,
      );
      await writeAtomically(table, { now, events: [lapsed], writes: [] });
      return { status: current.status };
    }
  }
}

export const handler = observed(onboardingStep, correlationIdIn);
