import type { EventBridgeEvent } from 'aws-lambda';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import {
  balanceWaiter,
  creditWaiter,
  depositWaiter,
  receiptWaiter,
  returnShipmentWaiter,
  statementWaiter,
  waiterRepository,
  weightWaiter,
} from '../../shared/persistence/waiters.ts';
import { taskGoneErrors } from '../../shared/ports/index.ts';
import { port } from '../../shared/runtime.ts';
import { type DomainEvent, parseEvent } from '../../shared/schemas/events.ts';

type Resumption = {
  subject: { kind: string; id: string };
  outcome: { output: object } | { error: string; cause: string };
};

/** Which waiting steps an event answers, and how; none for any other event. */
function resumptions(event: DomainEvent): Resumption[] {
  switch (event.type) {
    // R10: a customer's review ended; its orders waiting before planning go on, or fail.
    case 'CustomerActivated':
      return [{ subject: event.subject, outcome: { output: { customerStatus: 'active' } } }];
    case 'CustomerRejected':
      return [
        {
          subject: event.subject,
          outcome: { error: 'CustomerRejected', cause: 'The customer did not pass its review (R10).' },
        },
      ];
    case 'PaymentRecorded': {
      const { order, depositCompleted, payment } = event.data;
      return [
        // R9: the payments against an order reached its deposit; its intake goes on to production.
        ...(order?.depositReceivedOn && depositCompleted
          ? [{ subject: depositWaiter(order.id), outcome: { output: { depositReceivedOn: order.depositReceivedOn } } }]
          : []),
        // R9, F7: a delivery waiting for its balance or its customer's credit looks again (it waits on if still short).
        ...(order ? [{ subject: balanceWaiter(order.id), outcome: { output: { paymentId: payment.id } } }] : []),
        { subject: creditWaiter(payment.customerId), outcome: { output: { paymentId: payment.id } } },
      ];
    }
    // R23: the customer signed for a delivery; its shipping workflow ends.
    case 'DeliverySignedFor':
      return [{ subject: receiptWaiter(event.subject.id, event.data.delivery), outcome: { output: {} } }];
    // R33: the customer announced an approved return on its way; the warehouse is asked to receive it.
    case 'ReturnShipmentAnnounced':
      return [{ subject: returnShipmentWaiter(event.data.return.id), outcome: { output: {} } }];
    // R28: the weight a short shipment's customer received: its complaint goes on to the report.
    case 'ComplaintWeighed':
      return [{ subject: weightWaiter(event.data.complaint.id), outcome: { output: {} } }];
    // R38: the customer confirmed or disputed a statement; its workflow goes on.
    case 'StatementSignedBack':
      return [{ subject: statementWaiter(event.data.statement.id), outcome: { output: {} } }];
    default:
      return [];
  }
}

/** Answers the workflow steps waiting for what an event says happened (shared/persistence/waiters.ts). */
async function resumeWaiters(envelope: EventBridgeEvent<string, unknown>) {
  const answers = resumptions(parseEvent(envelope.detail));
  if (answers.length === 0) return;
  const waiters = waiterRepository(port('table'));
  const workflows = port('workflows');
  for (const resume of answers) {
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
}

export const handler = observed(resumeWaiters, correlationIdIn);
