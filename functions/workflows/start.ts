import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { CancellationRequested } from '../../shared/domain/order-cancellation.ts';
import type { ChangeRequested } from '../../shared/domain/order-change.ts';
import { port } from '../../shared/runtime.ts';

/**
 * Which workflow an event starts. The execution name is derived from the subject, so a redelivered event
 * finds the execution already started (same name, same input) instead of starting a second one.
 */
const starts: Record<string, (event: DomainEvent) => { stateMachine: string; name: string; input: unknown }> = {
  CustomerCreated: (event) => ({
    stateMachine: 'customer-onboarding',
    name: `customer-onboarding-${event.subject.id}`,
    input: { customerId: event.subject.id },
  }),
  OrderPlaced: (event) => ({
    stateMachine: 'order-intake',
    name: `order-intake-${event.subject.id}`,
    input: { orderId: event.subject.id },
  }),
  ChangeRequested: (event) => {
    const { changeRequest } = (event as ChangeRequested).data;
    return {
      stateMachine: 'order-change',
      name: `order-change-${changeRequest.id}`,
      input: { orderId: changeRequest.orderId, changeRequestId: changeRequest.id },
    };
  },
  CancellationRequested: (event) => {
    const { cancellation } = (event as CancellationRequested).data;
    return {
      stateMachine: 'order-cancellation',
      name: `order-cancellation-${cancellation.id}`,
      input: { orderId: cancellation.orderId, cancellationId: cancellation.id },
    };
  },
};

export async function handler(envelope: EventBridgeEvent<string, DomainEvent>) {
  const start = starts[envelope.detail.type]?.(envelope.detail);
  if (!start) return;
  try {
    await port('workflows').start(start.stateMachine, start.input, start.name);
  } catch (error) {
    // A redelivered event (delivery is at least once) whose workflow has ended since: it was started already.
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
  }
}
