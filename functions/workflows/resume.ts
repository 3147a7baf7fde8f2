import type { EventBridgeEvent } from 'aws-lambda';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { waiterRepository } from '../../shared/persistence/waiters.ts';
import { taskGoneErrors } from '../../shared/ports/index.ts';
import { port } from '../../shared/runtime.ts';
import { parseEvent } from '../../shared/schemas/events.ts';

/** R10: a customer's review ended; the steps waiting for it (its orders before planning) go on, or fail. */
async function resumeWaiters(envelope: EventBridgeEvent<string, unknown>) {
  const event = parseEvent(envelope.detail);
  // The rule delivers only these two; any other event has nothing waiting for it.
  if (event.type !== 'CustomerActivated' && event.type !== 'CustomerRejected') return;
  const waiters = waiterRepository(port('table'));
  const workflows = port('workflows');
  for (const token of await waiters.of(event.subject)) {
    try {
      if (event.type === 'CustomerActivated') await workflows.sendTaskSuccess(token, { customerStatus: 'active' });
      else await workflows.sendTaskFailure(token, 'CustomerRejected', 'The customer did not pass its review (R10).');
    } catch (error) {
      if (!taskGoneErrors.has((error as Error).name)) throw error;
    }
    await waiters.remove(event.subject, token);
  }
}

export const handler = observed(resumeWaiters, correlationIdIn);
