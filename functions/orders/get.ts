import { customerHistory, customerOrder } from '../../shared/domain/customer-view.ts';
import { orderPaid } from '../../shared/domain/payment.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { approvalRepository, publicApproval } from '../../shared/persistence/approvals.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { port } from '../../shared/runtime.ts';
import { getOrderRoute } from './routes.ts';

export const handler = httpHandler(getOrderRoute, async ({ params, principal }) => {
  const table = port('table');
  const { order, history } = await orderRepository(table).get(params.id);
  assertVisible(principal, order);
  // A customer's user sees the customer's view: no approvals, findings or staff, and nothing waiting inside.
  if (actsForCustomerOnly(principal)) {
    const view = { ...customerOrder(order), paid: orderPaid(order), history: customerHistory(history) };
    return versioned(200, view);
  }
  const approvals = (await approvalRepository(table).forSubject('order', order.id)).map(publicApproval);
  const waiting = approvals.find((approval) => approval.status === 'pending');
  const waitingFor = waiting && {
    step: waiting.step,
    role: waiting.role,
    assignee: waiting.assignee,
    since: waiting.createdAt,
  };
  const detail = { ...order, paid: orderPaid(order), ...(waitingFor ? { waitingFor } : {}), history, approvals };
  return versioned(200, detail);
});
