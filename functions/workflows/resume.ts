import type { EventBridgeEvent } from 'aws-lambda';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { depositWaiter, waiterRepository } from '../../shared/persistence/waiters.ts';
import { taskGoneErrors } from '../../shared/ports/index.ts';
import { port } from '../../shared/runtime.ts';
import { type DomainEvent, parseEvent } from '../../shared/schemas/events.ts';

type Resumption = {
  subject: { kind: string; id: string };
  outcome: { output: object } | { error: string; cause: string };
};

/** Which waiting steps an event answers, and how; nothing for any other event. */
function resumption(event: DomainEvent): Resumption | undefined {
  switch (event.type) {
    // R10: a customer's review ended; its orders waiting before planning go on, or fail.
    case 'CustomerActivated':
      return { subject: event.subject, outcome: { output: { customerStatus: 'active' } } };
    case 'CustomerRejected':
      return {
        subject: event.subject,
        outcome: { error: 'CustomerRejected', cause: 'The customer did not pass its review (R10).' },
      };
    // R9: the payments against an order reached its deposit; its intake goes on to production.
    case 'PaymentRecorded': {
      const { order, depositCompleted } = event.data;
      if (!order?.depositReceivedOn || !depositCompleted) return undefined;
      return {
        subject: depositWaiter(order.id),
        outcome: { output: { depositReceivedOn: order.depositReceivedOn } },
      };
    }
    default:
      return undefined;
  }
}

/** Answers the workflow steps waiting for what an event says happened (shared/persistence/waiters.ts). */
async function resumeWaiters(envelope: EventBridgeEvent<string, unknown>) {
  const resume = resumption(parseEvent(envelope.detail));
  if (!resume) return;
  const waiters = waiterRepository(port('table'));
  const workflows = port('workflows');
  for (const token of await waiters.of(resume.subject)) {
    try {
      if ('output' in resume.outcome) await workflows.sendTaskSuccess(token, resume.outcome.output);
      else await workflows.sendTaskFailure(token, resume.outcome.error, resume.outcome.cause);
    } catch (error) {
      if (!taskGoneErrors.has((error as Error).name)) throw error;
    }
    await waiters.remove(resume.subject, token);
  }
}

export const handler = observed(resumeWaiters, correlationIdIn);
