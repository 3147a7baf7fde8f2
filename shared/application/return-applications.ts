import { companyTimeZone } from '../domain/company.ts';
import { namedInBody } from '../domain/errors.ts';
import { domainEvent } from '../domain/events.ts';
import { calendarDateIn } from '../domain/lead-time.ts';
import { applyForReturn, returnSummary } from '../domain/returns.ts';
import { complaintRepository } from '../persistence/complaints.ts';
import { customerRepository } from '../persistence/customers.ts';
import { deliveryRepository } from '../persistence/deliveries.ts';
import { historyWrite } from '../persistence/orders.ts';
import { returnNumber, returnRepository } from '../persistence/returns.ts';
import { port } from '../runtime.ts';
import type { Customer } from '../schemas/customer.ts';
import type { Order } from '../schemas/order.ts';
import type { NewReturnApplication } from '../schemas/return.ts';
import { customerOf } from './named-order.ts';
import { currentDirectory, orderParties } from './people.ts';
import { sent } from './reads.ts';

/**
 * What filing a return reads besides its order, sent together (one round trip) from what the request names: the
 * delivery, the complaint it follows, the customer (as the caller names it: see `customerOf`), the directory, the month's numbering and what went back of the delivery so far.
 */
export function returnApplicationReads(
  input: Pick<NewReturnApplication, 'orderId' | 'delivery' | 'complaintId'>,
  customer: Promise<Customer> | undefined,
  now = port('clock').now(),
) {
  const table = port('table');
  const returns = returnRepository(table);
  const month = calendarDateIn(now, companyTimeZone).slice(0, 7);
  return {
    now,
    month,
    delivery: sent(deliveryRepository(table).get(input.orderId, input.delivery)),
    complaint: input.complaintId ? sent(complaintRepository(table).get(input.complaintId)) : undefined,
    customer,
    directory: sent(currentDirectory()),
    previous: sent(returns.lastNumber(month)),
    returned: sent(returns.returned(input.orderId, input.delivery)),
  };
}

/**
 * R30: a return application as filed — by the customer's system, the merchandiser, or a complaint answered with a
 * return (R27): the application under the month's next return number, the quantities it takes from the delivery, an
 * entry in the order's history and the event that acknowledges it and starts F5, for the caller to write in one
 * transaction (with its own changes). Another application for the same goods meanwhile fails that write (a conflict:
 * the caller reads again, and what is left then decides). `reads`: sent by the caller with its own, else now.
 */
export async function returnApplicationFiled(
  order: Order,
  input: NewReturnApplication,
  by: string,
  reads = returnApplicationReads(input, sent(customerRepository(port('table')).get(order.customerId))),
) {
  const table = port('table');
  const returns = returnRepository(table);
  const { now, month } = reads;
  const delivery = await reads.delivery.catch(
    namedInBody('delivery', `a delivery of order ${order.number} that has shipped`),
  );
  const complaint = await reads.complaint?.catch(namedInBody('complaintId', 'a complaint'));
  const parties = await orderParties(await customerOf(order, reads.customer), reads.directory);
  const previous = await reads.previous;
  const context = { now: now.toISOString(), actor: by, newId: port('ids').next };
  const { application, returned } = applyForReturn(
    input,
    {
      id: `ret_${context.newId()}`,
      number: returnNumber(month, previous + 1),
      order,
      delivery,
      returned: await reads.returned,
      ...(complaint ? { complaint } : {}),
      owner: parties.merchandiserEmail,
    },
    context,
  );
  const event = domainEvent(
    'ReturnApplied',
    { kind: 'order', id: order.id },
    { return: returnSummary(application), order, parties },
    context,
  );
  const entry = {
    at: context.now,
    actor: by,
    action: 'return applied for',
    note: `R30: ${application.number} for delivery ${application.delivery}${complaint ? ` (complaint ${complaint.number})` : ''}: ${application.lines.map((l) => `${l.productCode} × ${l.quantity}`).join(', ')}`,
  };
  return {
    application,
    event,
    writes: [
      ...returns.applied(application, returned, month, previous),
      historyWrite(table.name, order.id, entry, event.id),
    ],
  };
}
