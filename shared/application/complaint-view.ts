import { deliveryRepository } from '../persistence/deliveries.ts';
import { returnRepository } from '../persistence/returns.ts';
import { port } from '../runtime.ts';
import type { Complaint } from '../schemas/complaint.ts';
import type { ComplaintLinks } from '../schemas/complaint-view.ts';
import { inOrder } from './reads.ts';

/**
 * What a complaint led to, read afresh and together: its replacement delivery as it stands, the returns naming it,
 * their credits.
 */
export async function complaintLinks(complaint: Complaint): Promise<ComplaintLinks> {
  const table = port('table');
  const { replacement } = complaint;
  const [delivery, returns] = await inOrder([
    replacement && deliveryRepository(table).get(replacement.orderId, replacement.delivery),
    returnRepository(table).forComplaint(complaint.customerId, complaint.id),
  ]);
  return {
    deliveries: delivery
      ? [
          {
            orderId: delivery.orderId,
            delivery: delivery.delivery,
            status: delivery.status,
            ...(delivery.deliveryNote ? { deliveryNote: delivery.deliveryNote } : {}),
          },
        ]
      : [],
    returns: returns.map(({ id, number, status, credit }) => ({
      id,
      number,
      status,
      ...(credit ? { credit: { amount: credit.amount, returnNote: credit.returnNote } } : {}),
    })),
  };
}
