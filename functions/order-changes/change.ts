import * as z from 'zod';
import { closePendingApprovals } from '../../shared/application/approvals.ts';
import { accountTeam, currentDirectory, orderParties } from '../../shared/application/people.ts';
import { approvalTitle } from '../../shared/domain/approval-summary.ts';
import {
  applyChange,
  changeRequestAt,
  changeRequestIsOpen,
  endChange,
  modificationForm,
  obstacleTo,
} from '../../shared/domain/order-change.ts';
import { blockingFindings, customerLanguage } from '../../shared/domain/order-review.ts';
import { resolvedOrThrow } from '../../shared/domain/staff-directory.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { changeRequestRepository } from '../../shared/persistence/change-requests.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { ChangeRequest } from '../../shared/schemas/change-request.ts';
import type { Language } from '../../shared/schemas/common.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { Order } from '../../shared/schemas/order.ts';
import { requiredSetting } from '../../shared/settings.ts';
import { changeFacts } from './facts.ts';

const Subject = { orderId: z.string(), changeRequestId: z.string() };
const Decided = { decidedBy: z.string(), comment: z.string().optional() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Subject }),
  z.object({ action: z.literal('refuse-findings'), ...Subject }),
  z.object({ action: z.literal('refuse-obstacle'), ...Subject }),
  z.object({ action: z.literal('refuse'), ...Subject, ...Decided }),
  z.object({ action: z.literal('prepare-form'), ...Subject, decidedBy: z.string(), promisedDate: z.iso.date() }),
  z.object({ action: z.literal('reject'), ...Subject, ...Decided }),
  z.object({ action: z.literal('apply'), ...Subject, decidedBy: z.string() }),
  z.object({ action: z.literal('lapse'), ...Subject }),
]);
type Step = z.infer<typeof Step>;

const workflowActor = 'workflow:order-change';

/**
 * R14: who gets the approved contract modification form in writing: PMC and the planner on duty, production's
 * mailbox, the merchandiser.
 */
async function departments(customer: Customer) {
  const { directory, now } = await currentDirectory();
  const onDuty = (role: 'pmc' | 'planner') => resolvedOrThrow(directory.onDuty(role, now)).email;
  const { merchandiserEmail } = await accountTeam(customer);
  return [...new Set([onDuty('pmc'), requiredSetting('production-email'), onDuty('planner'), merchandiserEmail])];
}

/** What the change's approvers see, whose account it is and who asked (the directory resolves who decides). */
function changeSubject(order: Order, changeRequest: ChangeRequest, customer: Customer) {
  return {
    orderId: order.id,
    changeRequestId: changeRequest.id,
    title: approvalTitle(`${order.number} `, customer.name, ` 变更 change ${changeRequest.id}`),
    accountOwner: customer.accountOwner,
    requestedBy: changeRequest.requestedBy,
    blocking: blockingFindings(changeRequest.findings).length > 0,
    obstacle: obstacleTo(order, changeRequest) !== undefined,
    facts: changeFacts(order, changeRequest, customer),
  };
}

/** How the step ends the change request unapplied, if it does. */
function ending(step: Step, order: Order, changeRequest: ChangeRequest, language: Language) {
  switch (step.action) {
    case 'refuse-findings':
      return {
        status: 'refused' as const,
        by: workflowActor,
        reason: blockingFindings(changeRequest.findings)
          .map((f) => (f.line ? `${f.line}: ${f.message}` : f.message))
          .join('\n'),
      };
    case 'refuse-obstacle':
      return {
        by: workflowActor,
        ...(obstacleTo(order, changeRequest, language) ?? { status: 'refused', reason: '' }),
      };
    case 'refuse':
      // R12, R13: PMC found the change infeasible; its written reason covers the lines the change touches.
      return {
        status: 'refused' as const,
        by: step.decidedBy,
        reason: step.comment ?? '',
        lines: changeRequest.touchedLines,
      };
    case 'reject':
      return { status: 'rejected' as const, by: step.decidedBy, reason: step.comment ?? '' };
    case 'lapse':
      return { status: 'lapsed' as const, by: workflowActor, reason: 'nobody answered in time' };
    default:
      return undefined;
  }
}

/** The order-change workflow's own steps (state-machines/order-change.asl.json). */
async function changeStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const orders = orderRepository(table);
  const changeRequests = changeRequestRepository(table);
  return await retryOnConflict(async () => {
    const { order } = await orders.get(step.orderId);
    const changeRequest = await changeRequests.get(step.orderId, step.changeRequestId);
    const customer = await customerRepository(table).get(order.customerId);
    if (step.action === 'load') return changeSubject(order, changeRequest, customer);
    // A step repeated (a retried task), or a request withdrawn meanwhile (the order was cancelled): nothing to do.
    if (!changeRequestIsOpen(changeRequest.status)) return { status: changeRequest.status };
    const now = port('clock').now();
    const context = { now: now.toISOString(), actor: workflowActor, newId: port('ids').next };
    return await perform(step, { order, changeRequest, customer, now, context });
  });
}

type Current = {
  order: Order;
  changeRequest: ChangeRequest;
  customer: Customer;
  now: Date;
  context: { now: string; actor: string; newId: () => string };
};

async function perform(step: Step, { order, changeRequest, customer, now, context }: Current) {
  const table = port('table');
  const changeRequests = changeRequestRepository(table);
  const language = customerLanguage(customer);
  const end = ending(step, order, changeRequest, language);
  if (end) {
    if (step.action === 'lapse') {
      await closePendingApprovals(
        { kind: 'order', id: order.id },
        'nobody answered in time',
        (flow) => flow === 'order-change',
      );
    }
    const ended = endChange(order, changeRequest, end, await orderParties(customer), context);
    await changeRequests.save(ended.changeRequest, now, ended);
    return { status: ended.changeRequest.status };
  }
  // PMC's assessment and the planner's approval are made against the order as it then was: it is checked again.
  const obstacle = obstacleTo(order, changeRequest, language);
  if (obstacle) {
    const ended = endChange(
      order,
      changeRequest,
      { ...obstacle, by: workflowActor },
      await orderParties(customer),
      context,
    );
    await changeRequests.save(ended.changeRequest, now, ended);
    return { status: ended.changeRequest.status };
  }
  if (step.action === 'prepare-form') {
    const form = modificationForm(order, changeRequest, {
      assessedBy: step.decidedBy,
      promisedDate: step.promisedDate,
      now: context.now,
    });
    const prepared = changeRequestAt(changeRequest, 'awaiting_approval', context.now, { form });
    await changeRequests.save(prepared, now);
    return { status: prepared.status, facts: changeFacts(order, prepared, customer) };
  }
  if (step.action !== 'apply') throw new Error(`unexpected step ${step.action}`);
  const applied = applyChange(
    order,
    changeRequest,
    { approvedBy: step.decidedBy, parties: await orderParties(customer), departments: await departments(customer) },
    { ...context, actor: step.decidedBy },
  );
  await orderRepository(table).commit(
    {
      order: applied.order,
      expectedVersion: order.version,
      events: [applied.event],
      history: [{ entry: applied.history, eventId: applied.event.id }],
      revision: applied.revision,
      writes: changeRequests.saved(applied.changeRequest),
    },
    now,
  );
  return { status: applied.changeRequest.status, revision: applied.order.revision };
}

export const handler = observed(changeStep, correlationIdIn);
