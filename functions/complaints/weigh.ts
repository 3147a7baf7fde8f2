import { complaintSummary, weighed } from '../../shared/domain/complaint.ts';
import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { historyWrite } from '../../shared/persistence/orders.ts';
import { retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { Complaint } from '../../shared/schemas/complaint.ts';
import { weighComplaintRoute } from './routes.ts';

/**
 * R28: the weight received, recorded on the complaint and the order's history, with the event that lets a complaint
 * waiting for it go on to its report; read again if it moved meanwhile.
 */
export const handler = httpHandler(weighComplaintRoute, async ({ params, body, principal }) => {
  const table = port('table');
  const complaints = complaintRepository(table);
  const answer = (complaint: Complaint) => ({
    status: 200,
    body: actsForCustomerOnly(principal) ? customerComplaint(complaint) : complaint,
  });
  return await retryOnConflict(async () => {
    const read = await complaints.get(params.id);
    assertVisible(principal, read, 'Complaint');
    const complaint = await withShippedWeight(read);
    const now = port('clock').now();
    const changed = weighed(complaint, body.receivedWeight, now.toISOString());
    if (!changed) return answer(complaint);
    const { weight } = changed;
    const entry = {
      at: now.toISOString(),
      actor: principal.email,
      action: 'complaint weighed',
      note: `R28: ${complaint.number}: ${weight?.received} kg received${weight?.shipped === undefined ? '' : ` of ${weight.shipped} kg shipped (difference ${weight.difference} kg)`}`,
    };
    // R28: the event resumes the complaint's workflow if it waits for the weight (resume-waiters).
    const event = domainEvent(
      'ComplaintWeighed',
      { kind: 'order', id: complaint.orderId },
      { complaint: complaintSummary(changed) },
      { now: entry.at, actor: principal.email, newId: port('ids').next },
    );
    await writeAtomically(table, {
      now,
      events: [event],
      writes: [
        complaints.saved(changed, complaint.version),
        historyWrite(table.name, complaint.orderId, entry, event.id),
      ],
    });
    return answer(changed);
  });
});

/**
 * R28: a short shipment registered before complaints kept the weight shipped finds it on its delivery (a second read
 * those registered since need not make).
 */
async function withShippedWeight(complaint: Complaint): Promise<Complaint> {
  if (complaint.kind !== 'short_shipment' || complaint.shippedWeight !== undefined) return complaint;
  const delivery = await deliveryRepository(port('table')).get(complaint.orderId, complaint.delivery);
  const shippedWeight = delivery.shipment?.grossWeight;
  return shippedWeight === undefined ? complaint : { ...complaint, shippedWeight };
}
