import { customerTitle, orderTitle } from '../domain/approval-summary.ts';
import { customerRepository } from '../persistence/customers.ts';
import { orderRepository } from '../persistence/orders.ts';
import { port } from '../runtime.ts';
import { accountTeam } from './people.ts';

/** The kinds of subject a workflow is about, whose merchandiser hears of its trouble. */
export type WorkflowSubject = { kind: 'order' | 'customer'; id: string };

export const isWorkflowSubject = (subject: { kind: string; id: string }): subject is WorkflowSubject =>
  subject.kind === 'order' || subject.kind === 'customer';

/** Who must hear of a subject's trouble (its customer's merchandiser, as the directory has it now), and its name. */
export async function concerned(subject: WorkflowSubject) {
  const table = port('table');
  if (subject.kind === 'customer') {
    const customer = await customerRepository(table).get(subject.id);
    const { merchandiserEmail } = await accountTeam(customer);
    return { title: customerTitle(customer), merchandiserEmail };
  }
  const { order } = await orderRepository(table).get(subject.id);
  const customer = await customerRepository(table).get(order.customerId);
  const { merchandiserEmail } = await accountTeam(customer);
  return { title: orderTitle(order, customer.name), merchandiserEmail };
}
