import type { EventBridgeEvent } from 'aws-lambda';
import { contributionOf } from '../../shared/domain/report-figures.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { applyContribution } from '../../shared/persistence/report-figures.ts';
import { port } from '../../shared/runtime.ts';
import { parseEvent } from '../../shared/schemas/events.ts';

/**
 * R41, R43: adds what one domain event contributes to the report figures, once (docs/decisions/report-figures.md).
 * A redelivered event finds its guard and adds nothing; a failure throws, so that EventBridge retries the invocation
 * and, after its retries, the event waits in the dead-letter queue for `npm run redrive`.
 */
async function keepFigures(envelope: EventBridgeEvent<string, unknown>) {
  const event = parseEvent(envelope.detail);
  await applyContribution(port('table'), event.id, contributionOf(event), port('clock').now());
}

export const handler = observed(keepFigures, correlationIdIn);
