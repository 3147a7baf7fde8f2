import * as z from 'zod';
import { currentDirectory } from '../../shared/application/people.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { complaintSummary, openComplaintStatuses, overdueNotice } from '../../shared/domain/complaint.ts';
import { domainEvent } from '../../shared/domain/events.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { logger, observed } from '../../shared/observability.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { historyWrite } from '../../shared/persistence/orders.ts';
import { retryOnConflict, writeAtomically } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import type { Complaint } from '../../shared/schemas/complaint.ts';

const actor = 'schedule:complaint-overdue';

const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();

/**
 * R29 (schedule `complaint-overdue`, daily): every complaint still open after its due date — its owner reminded and
 * the owner's leader told (escalated), with an entry in the order's history. The day is the schedule's nominal one,
 * and each complaint remembers the day it was told of: a rerun of the same day sends nothing twice.
 */
async function overdueComplaints(input: unknown) {
  const { scheduledTime } = Input.parse(input ?? {});
  const now = port('clock').now();
  const today = calendarDateIn(scheduledTime ? new Date(scheduledTime) : now, companyTimeZone);
  const complaints = complaintRepository(port('table'));
  let noticed = 0;
  for (const status of openComplaintStatuses) {
    for (const found of await complaints.dueBefore(status, today)) {
      if (await notice(found.id, today)) noticed++;
    }
  }
  if (noticed > 0) logger.info('overdue complaints noticed', { today, noticed });
  return { today, noticed };
}

/** One overdue complaint told of, from a fresh read (it may have moved since it was listed); whether it was. */
async function notice(complaintId: string, today: string) {
  const table = port('table');
  const complaints = complaintRepository(table);
  return await retryOnConflict(async () => {
    const complaint: Complaint = await complaints.get(complaintId);
    const now = port('clock').now();
    const overdue = overdueNotice(complaint, today, now.toISOString());
    if (!overdue) return false;
    const customer = await customerRepository(table).get(complaint.customerId);
    const { directory } = await currentDirectory();
    const leader = directory.leaderOf(complaint.owner, now);
    const context = { now: now.toISOString(), actor, newId: port('ids').next };
    const event = domainEvent(
      'ComplaintOverdue',
      { kind: 'order', id: complaint.orderId },
      {
        complaint: complaintSummary(overdue.complaint),
        customerName: customer.name,
        daysOverdue: overdue.daysOverdue,
        ...(leader.ok ? { leaderEmail: leader.person.email } : {}),
      },
      context,
    );
    const entry = {
      at: context.now,
      actor,
      action: 'complaint overdue',
      note: `R29: ${complaint.number} due ${complaint.dueOn}, ${overdue.daysOverdue} day(s) overdue: ${complaint.owner} reminded${leader.ok ? `, ${leader.person.email} told` : ''}`,
    };
    await writeAtomically(table, {
      now,
      events: [event],
      writes: [
        complaints.saved(overdue.complaint, complaint.version),
        historyWrite(table.name, complaint.orderId, entry, event.id),
      ],
    });
    return true;
  });
}

export const handler = observed(overdueComplaints, () => undefined);
