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
  // A customer's user sees the customer's view: no approvals, findings or staff, and nothing waiting inside.
  const forCustomer = actsForCustomerOnly(principal);
  // One round trip: the order's partition and, for staff, its approvals (another partition) are read together.
  const [{ order, history }, stored = []] = await Promise.all([
    orderRepository(table).get(params.id),
    forCustomer ? undefined : approvalRepository(table).forSubject('order', params.id),
  ]);
  assertVisible(principal, order);
  if (forCustomer) {
    const view = { ...customerOrder(order), paid: orderPaid(order), history: customerHistory(history) };
    return versioned(200, view);
  }
  const approvals = stored.map(publicApproval);
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
