import type { EventBridgeEvent } from 'aws-lambda';
import { executionName } from '../../shared/naming.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { port } from '../../shared/runtime.ts';
import { parseEvent } from '../../shared/schemas/events.ts';
import { workflows } from '../../state-machines/index.ts';

/**
 * Starts the workflow each event calls for (its declaration in state-machines/ names the event). The execution
 * name comes from the subject, so a redelivered event finds the execution already started (same name, same
 * input) instead of starting a second one.
 */
export const handler = observed(start, correlationIdIn);

async function start(envelope: EventBridgeEvent<string, unknown>) {
  const event = parseEvent(envelope.detail);
  for (const workflow of workflows.filter((w) => w.startedBy.event === event.type)) {
    const { id, input } = workflow.startedBy.start(event);
    // The execution carries the event's correlation id (the event's own id for one recorded without): the same
    // input for a redelivered event. Its approval requests pass it on to their e-mails.
    const correlationId = event.correlationId ?? event.id;
    try {
      await port('workflows').start(workflow.name, { ...input, correlationId }, executionName(workflow.name, id));
    } catch (error) {
      // A redelivered event (delivery is at least once) whose workflow has ended since: it was started already.
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  }
}
