import * as z from 'zod';
import { closePendingApprovals } from '../../shared/application/approvals.ts';
import { orderParties } from '../../shared/application/people.ts';
import { orderTitle, summarisedFacts } from '../../shared/domain/approval-summary.ts';
import { companyTime } from '../../shared/domain/company.ts';
import type { EventContext } from '../../shared/domain/events.ts';
import { formatMoney } from '../../shared/domain/order-amounts.ts';
import {
  cancellationAuthority,
  cancellationNeedsCode,
  cancelOrder,
  lapseCancellation,
  parseCancellationLimits,
  receivedToCredit,
  refuseCancellation,
  whyNotCancellable,
  withAuthority,
} from '../../shared/domain/order-cancellation.ts';
import { changeRequestIsOpen, endChange } from '../../shared/domain/order-change.ts';
import { orderStatusInWords } from '../../shared/domain/order-status.ts';
import { executionName } from '../../shared/naming.ts';
import { correlationIdIn, observed } from '../../shared/observability.ts';
import { cancellationRepository } from '../../shared/persistence/cancellations.ts';
import { changeRequestRepository } from '../../shared/persistence/change-requests.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { CancellationAuthority, CancellationRequest } from '../../shared/schemas/cancellation.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { Order } from '../../shared/schemas/order.ts';
import { requiredSetting, settings } from '../../shared/settings.ts';

/** R16: read and checked as the worker starts, so that a malformed setting fails the deployment's first call loudly. */
const limits = parseCancellationLimits(
  requiredSetting('cancellation-limits'),
  settings['cancellation-limits'].variable,
);

const flow = 'order-cancellation';
const actor = 'workflow:order-cancellation';

const Ids = { orderId: z.string(), cancellationId: z.string() };
const Decided = { decidedBy: z.string(), decidedAt: z.iso.datetime() };
const Step = z.discriminatedUnion('action', [
  z.object({ action: z.literal('load'), ...Ids }),
  z.object({ action: z.literal('cancel'), ...Ids, ...Decided }),
  z.object({ action: z.literal('wind-down'), ...Ids }),
  z.object({ action: z.literal('refuse'), ...Ids, ...Decided, comment: z.string() }),
  z.object({ action: z.literal('lapse'), ...Ids }),
]);

/** What the decider sees, and who it is (R16: by amount). */
function cancellationSubject(
  order: Order,
  customer: Customer,
  cancellation: CancellationRequest,
  authority: CancellationAuthority,
) {
  const money = (amount: number | undefined) =>
    amount === undefined ? '—' : formatMoney(amount, order.currency, 'zh-CN');
  const limit = authority.limit === undefined ? undefined : money(authority.limit);
  const why =
    authority.role === 'leader'
      ? `≤ ${limit}: 业务经理 sales manager`
      : order.totals.amount === undefined
        ? '金额未定 no total yet: 总经理 general manager'
        : limit === undefined
          ? `${order.currency} 无限额 no limit for ${order.currency}: 总经理 general manager`
          : `> ${limit}: 总经理 general manager`;
  const credit = receivedToCredit(order);
  return {
    orderId: order.id,
    cancellationId: cancellation.id,
    title: orderTitle(order, customer.name),
    role: authority.role,
    approver: authority.role === 'leader' ? { rule: 'leader-of', staff: customer.accountOwner } : { rule: 'on-duty' },
    requestedBy: cancellation.requestedBy,
    needsCode: cancellationNeedsCode(authority),
    facts: summarisedFacts({
      head: [
        { label: '订单号 Order', value: order.number },
        { label: '客户 Customer', value: `${order.customerCode} ${customer.name}` },
        { label: '客户订单号 PO', value: order.poNumber },
        { label: '金额 Total', value: money(order.totals.amount) },
        { label: '审批权限 Authority (R16)', value: why },
        {
          label: '已收款 Paid',
          value:
            credit === undefined
              ? '未收 none received'
              : `${money(credit)} 已收 received: 取消后记为应退客户款 owed back as a credit`,
        },
        { label: '状态 Status', value: orderStatusInWords(order.status) },
        { label: '取消原因 Reason', value: cancellation.reason },
        {
          label: '申请人 Requested by',
          value: `${cancellation.requestedBy} (${companyTime(cancellation.requestedAt)})`,
        },
      ],
    }),
  };
}

/**
 * R16: "cancelled orders stop their running workflows cleanly" — the order's intake, and the change request still
 * open (withdrawn, in writing); the approvals they were waiting for are closed. Each part is a no-op when repeated.
 * R10: an intake waiting for its customer's review keeps a waiter; resume-waiters treats the stopped execution's
 * token as gone (TaskTimedOut) and removes it.
 */
async function windDown(order: Order, cancellation: CancellationRequest, customer: Customer, context: EventContext) {
  const table = port('table');
  const workflows = port('workflows');
  const cause = `Order ${order.number} was cancelled (${cancellation.id}, R16).`;
  await workflows.stopExecution('order-intake', executionName('order-intake', order.id), cause);
  const changeRequests = changeRequestRepository(table);
  const changeRequestId = await changeRequests.openId(order.id);
  if (changeRequestId) {
    await workflows.stopExecution('order-change', executionName('order-change', changeRequestId), cause);
    const changeRequest = await changeRequests.get(order.id, changeRequestId);
    if (changeRequestIsOpen(changeRequest.status)) {
      const withdrawn = endChange(
        order,
        changeRequest,
        { status: 'withdrawn', by: actor, reason: cause },
        await orderParties(customer),
        context,
      );
      await changeRequests.save(withdrawn.changeRequest, port('clock').now(), {
        event: withdrawn.event,
        history: withdrawn.history,
      });
    }
  }
  await closePendingApprovals({ kind: 'order', id: order.id }, 'the order was cancelled', (other) => other !== flow);
}

/** The order-cancellation workflow's own steps (state-machines/order-cancellation.asl.json). */
async function cancellationStep(event: unknown) {
  const step = Step.parse(event);
  const table = port('table');
  const orders = orderRepository(table);
  const cancellations = cancellationRepository(table);
  const read = async () => {
    const cancellation = await cancellations.get(step.orderId, step.cancellationId);
    const { order } = await orders.get(step.orderId);
    const customer = await customerRepository(table).get(order.customerId);
    const now = port('clock').now();
    const context: EventContext = { now: now.toISOString(), actor, newId: port('ids').next };
    return { cancellation, order, customer, now, context };
  };

  switch (step.action) {
    case 'load':
      return await retryOnConflict(async () => {
        const { cancellation, order, customer, now } = await read();
        const authority = cancellation.authority ?? cancellationAuthority(order, limits);
        if (!cancellation.authority)
          await cancellations.save(withAuthority(cancellation, authority, now.toISOString()), now);
        return cancellationSubject(order, customer, cancellation, authority);
      });

    case 'cancel':
      return await retryOnConflict(async () => {
        const { cancellation, order, customer, now, context } = await read();
        // Done by an earlier attempt of this step: the order is cancelled and the credit written, once.
        if (cancellation.status !== 'waiting') return { status: cancellation.status };
        const refusal = whyNotCancellable(order);
        if (refusal) {
          // The order ended otherwise while the request waited (rejected, merged): the requester is told so in writing.
          const decision = { by: actor, at: context.now, reason: refusal };
          const refused = refuseCancellation(order, cancellation, decision, await orderParties(customer), context);
          await cancellations.save(refused.cancellation, now, refused);
          return { status: refused.cancellation.status };
        }
        const decision = { by: step.decidedBy, at: step.decidedAt };
        const result = cancelOrder(order, cancellation, decision, await orderParties(customer), context);
        await orders.commit(
          {
            order: result.order,
            expectedVersion: order.version,
            events: [result.event],
            history: [{ entry: result.history, eventId: result.event.id }],
            writes: [
              ...cancellations.saved(result.cancellation),
              ...(result.credit ? [cancellations.creditWrite(result.credit)] : []),
            ],
          },
          now,
        );
        return { status: result.cancellation.status };
      });

    case 'wind-down': {
      const { cancellation, order, customer, context } = await read();
      if (cancellation.status !== 'approved' || order.status !== 'cancelled') return { stopped: false };
      await retryOnConflict(() => windDown(order, cancellation, customer, context));
      return { stopped: true };
    }

    case 'refuse':
      return await retryOnConflict(async () => {
        const { cancellation, order, customer, now, context } = await read();
        if (cancellation.status !== 'waiting') return { status: cancellation.status };
        const decision = { by: step.decidedBy, at: step.decidedAt, reason: step.comment };
        const refused = refuseCancellation(order, cancellation, decision, await orderParties(customer), context);
        await cancellations.save(refused.cancellation, now, refused);
        return { status: refused.cancellation.status };
      });

    case 'lapse':
      return await retryOnConflict(async () => {
        const { cancellation, order, customer, now, context } = await read();
        await closePendingApprovals({ kind: 'order', id: order.id }, 'nobody decided in time', (own) => own === flow);
        if (cancellation.status !== 'waiting') return { status: cancellation.status };
        const lapsed = lapseCancellation(order, cancellation, await orderParties(customer), context);
        await cancellations.save(lapsed.cancellation, now, lapsed);
        return { status: lapsed.cancellation.status };
      });
  }
}

export const handler = observed(cancellationStep, correlationIdIn);
