import { companyTimeZone } from '../domain/company.ts';
import { type ComplaintFacts, complaintSummary, registerComplaint } from '../domain/complaint.ts';
import { domainEvent } from '../domain/events.ts';
import { calendarDateIn } from '../domain/lead-time.ts';
import { complaintNumber, complaintRepository } from '../persistence/complaints.ts';
import { historyWrite } from '../persistence/orders.ts';
import type { Write } from '../persistence/write.ts';
import { port } from '../runtime.ts';
import type { Complaint, NewComplaint } from '../schemas/complaint.ts';
import type { DomainEvent, OrderParties } from '../schemas/events.ts';
import { sent } from './reads.ts';

/** R29: where the complaint numbering of the month of `now` stands, sent now (with the caller's other reads). */
export function complaintNumbering(now: Date) {
  const today = calendarDateIn(now, companyTimeZone);
  const month = today.slice(0, 7);
  return { today, month, previous: sent(complaintRepository(port('table')).lastNumber(month)) };
}

/**
 * R25, R29: a complaint registered, as the writes its caller puts in its own transaction — the month's next number
 * (the write is refused, and read again by the caller's retry, when another took it meanwhile), the complaint owned
 * by the account's merchandiser, the entry of the order's history (R15) and `ComplaintRegistered`, which
 * acknowledges it to the customer, tells its owner and starts its workflow. Registered through `POST /complaints`,
 * or opened by a receipt signed damaged or short (R23 → F4) in the write that files the receipt.
 */
export async function complaintRegistration(
  input: NewComplaint,
  facts: Pick<ComplaintFacts, 'order' | 'delivery' | 'openedBy'> & { parties: OrderParties },
  { now, actor }: { now: Date; actor: string },
  numbering = complaintNumbering(now),
): Promise<{ complaint: Complaint; events: DomainEvent[]; writes: Write[] }> {
  const table = port('table');
  const complaints = complaintRepository(table);
  const { order, delivery, openedBy, parties } = facts;
  const { today, month } = numbering;
  const previous = await numbering.previous;
  const context = { now: now.toISOString(), actor, newId: port('ids').next };
  const complaint = registerComplaint(
    input,
    {
      id: `cmp_${context.newId()}`,
      number: complaintNumber(month, previous + 1),
      order,
      delivery,
      owner: parties.merchandiserEmail,
      today,
      ...(openedBy ? { openedBy } : {}),
    },
    context,
  );
  const event = domainEvent(
    'ComplaintRegistered',
    { kind: 'order', id: order.id },
    { complaint: complaintSummary(complaint), order, parties },
    context,
  );
  const entry = {
    at: context.now,
    actor,
    action: 'complaint registered',
    note: `R25: ${complaint.number} about delivery ${complaint.delivery}: ${complaint.kind}, ${complaint.lines.length} line(s), asks for ${complaint.demand}${openedBy ? `; opened by the receipt signed ${openedBy.receipt.condition} (R23)` : ''}`,
  };
  return {
    complaint,
    events: [event],
    writes: [...complaints.registered(complaint, month, previous), historyWrite(table.name, order.id, entry, event.id)],
  };
}
