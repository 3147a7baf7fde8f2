import { complaintOfReceipt, openedByReceipt } from '../domain/complaint.ts';
import { domainEvent } from '../domain/events.ts';
import { countedForOrder, orderMoved, signedFor } from '../domain/shipping.ts';
import { customerRepository } from '../persistence/customers.ts';
import { deliveryRepository } from '../persistence/deliveries.ts';
import { orderRepository } from '../persistence/orders.ts';
import type { Idempotency } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { Customer } from '../schemas/customer.ts';
import type { NewDeliveryReceipt, OrderDelivery } from '../schemas/delivery.ts';
import type { Order } from '../schemas/order.ts';
import { complaintNumbering, complaintRegistration } from './complaints.ts';
import { customerOf } from './named-order.ts';
import { currentDirectory, orderParties } from './people.ts';
import { sent } from './reads.ts';

/**
 * What recording a receipt reads besides the order and the delivery, sent now (with the caller's reads): the customer
 * (as the caller names it: see `customerOf`), the directory, and the complaint numbering when the receipt, as posted,
 * is not signed complete (R23 → F4).
 */
export function receiptReads(
  customer: Promise<Customer> | undefined,
  receipt: Partial<Pick<NewDeliveryReceipt, 'condition'>>,
  now = port('clock').now(),
) {
  return {
    now,
    customer,
    directory: sent(currentDirectory()),
    numbering: receipt.condition === 'complete' ? undefined : complaintNumbering(now),
  };
}

/**
 * R23: a delivery signed for — through the API (the customer's system, the warehouse filing the paper receipt) or
 * the link e-mailed with the delivery note. The receipt, the order's delivered quantities and status (closed once
 * everything is delivered and paid), its history and the event that ends the shipping workflow's wait are one write;
 * a receipt signed damaged or short opens a complaint about the delivery in the same write (R23 → F4: one per
 * receipt, since a delivery is signed for once). `answer` makes the response stored with the write (Idempotency-Key)
 * from the delivery signed for; `reads`: sent by the caller with its own, else now.
 */
export async function recordReceipt<R>(
  { order, delivery }: { order: Order; delivery: OrderDelivery },
  receipt: NewDeliveryReceipt,
  by: string,
  answer: (signed: OrderDelivery) => { response: R; idempotency?: Idempotency | undefined },
  reads = receiptReads(sent(customerRepository(port('table')).get(order.customerId)), receipt),
) {
  const table = port('table');
  const { now } = reads;
  const context = { now: now.toISOString(), actor: by, newId: port('ids').next };
  const signed = signedFor(delivery, receipt, by, context.now);
  const customer = await customerOf(order, reads.customer);
  const moved = orderMoved(
    order,
    'delivered',
    countedForOrder(delivery),
    customer.settlement.type === 'monthly',
    context,
  );
  const parties = await orderParties(customer, reads.directory);
  const filed = signed.receipt as NonNullable<typeof signed.receipt>;
  const event = domainEvent(
    'DeliverySignedFor',
    { kind: 'order', id: order.id },
    { order: moved.order, delivery: delivery.delivery, parties, receipt: filed },
    context,
  );
  const complaint = complaintOfReceipt(signed, filed);
  const opened = complaint
    ? await complaintRegistration(
        complaint,
        { order: moved.order, delivery: signed, parties, openedBy: openedByReceipt(filed) },
        { now, actor: by },
        reads.numbering,
      )
    : { events: [], writes: [] };
  const { response, idempotency } = answer(signed);
  await orderRepository(table).commit(
    {
      order: moved.order,
      expectedVersion: order.version,
      events: [event, ...opened.events],
      history: [
        {
          entry: {
            at: context.now,
            actor: by,
            action: 'delivery signed for',
            changes: moved.changes,
            note: `R23: delivery ${delivery.delivery}: ${receipt.condition}, signed by ${receipt.signedBy} on ${receipt.signedOn}${receipt.note ? ` — ${receipt.note}` : ''}`,
          },
          eventId: event.id,
        },
      ],
      writes: [deliveryRepository(table).saved(signed, delivery.version), ...opened.writes],
    },
    now,
    idempotency,
  );
  return response;
}
