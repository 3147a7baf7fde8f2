import * as z from 'zod';
import { anotherApprovalLink } from '../../shared/application/approvals.ts';
import { currentDirectory } from '../../shared/application/people.ts';
import { sendEachOnce, sentAlready } from '../../shared/application/send-once.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { openComplaintStatuses } from '../../shared/domain/complaint.ts';
import {
  type Digest,
  digests,
  heldDeliveryStatuses,
  lateDeliveryStatuses,
  type OpenOrder,
  type OverdueItem,
  stuckStatuses,
  unshippedStatuses,
} from '../../shared/domain/follow-up.ts';
import { addDays, calendarDateIn } from '../../shared/domain/lead-time.ts';
import { staffRoles } from '../../shared/domain/roles.ts';
import type { StaffDirectory } from '../../shared/domain/staff-directory.ts';
import { chaseAfterDays } from '../../shared/domain/statement.ts';
import { followUpEmail } from '../../shared/mail/follow-up-templates.ts';
import { logger, observed } from '../../shared/observability.ts';
import { approvalRepository } from '../../shared/persistence/approvals.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { statementRepository } from '../../shared/persistence/statements.ts';
import { port } from '../../shared/runtime.ts';

const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();
const template = 'daily-follow-up';

/**
 * R7 (schedule `daily-follow-up`, working days at 10:00): each person with anything waiting on them gets one e-mail —
 * their pending approvals with fresh links, their overdue items oldest first, a merchandiser's stuck orders, a
 * leader's team's overdue items. Nobody else gets mail; a rerun of the same day sends nothing more; no history is
 * written (docs/decisions/daily-follow-up.md).
 */
async function dailyFollowUp(input: unknown) {
  const { scheduledTime } = Input.parse(input ?? {});
  const now = scheduledTime ? new Date(scheduledTime) : port('clock').now();
  const today = calendarDateIn(now, companyTimeZone);
  const { directory } = await currentDirectory();
  const merchandiserOf = (accountOwner: string) => {
    const team = directory.accountOwner(accountOwner, now);
    return team.merchandiser.ok ? team.merchandiser.person.email : undefined;
  };
  const found = await waitingOn(today, merchandiserOf);
  const leaderOf = (email: string) => {
    const leader = directory.leaderOf(email, now);
    return leader.ok ? leader.person.email : undefined;
  };
  let sent = 0;
  for (const digest of digests(found, today, leaderOf)) {
    if (await sendDigest(digest, today, directory)) sent++;
  }
  if (sent) logger.info('daily follow-up sent', { today, sent });
  return { today, sent };
}

/** What is waiting on people: every pending approval, the overdue items and the open orders, each from its index. */
async function waitingOn(today: string, merchandiserOf: (accountOwner: string) => string | undefined) {
  const table = port('table');
  const customers = new Map((await customerRepository(table).everyAccount()).map((c) => [c.id, c]));
  const customerName = (id: string) => customers.get(id)?.name ?? id;
  const merchandiser = (customerId: string) => {
    const owner = customers.get(customerId)?.accountOwner;
    return owner ? merchandiserOf(owner) : undefined;
  };
  const approvals = approvalRepository(table);
  const pending = (await Promise.all(staffRoles.map((role) => approvals.pendingOf(role)))).flat();

  const overdue: OverdueItem[] = [];
  const complaints = complaintRepository(table);
  for (const status of openComplaintStatuses) {
    for (const complaint of await complaints.dueBefore(status, today)) {
      const label = `${complaint.number} ${customerName(complaint.customerId)}`;
      overdue.push({ kind: 'complaint', owner: complaint.owner, label, due: complaint.dueOn });
    }
  }
  for (const statement of await statementRepository(table).inStatus('sent')) {
    // R38: the merchandiser chases a statement not signed back from its 14th day on.
    const due = addDays(calendarDateIn(new Date(statement.sentAt as string), companyTimeZone), chaseAfterDays);
    const owner = merchandiser(statement.customerId);
    if (owner) overdue.push({ kind: 'statement', owner, label: `${statement.id} ${statement.customerName}`, due });
  }

  const deliveries = deliveryRepository(table);
  for (const status of [...lateDeliveryStatuses, ...heldDeliveryStatuses]) {
    for (const delivery of await deliveries.inStatus(status)) {
      const owner = merchandiser(delivery.customerId);
      const held = (heldDeliveryStatuses as readonly string[]).includes(status);
      const due = held ? calendarDateIn(new Date(delivery.updatedAt), companyTimeZone) : delivery.expectedBy;
      if (!owner || !due) continue;
      const label = `${delivery.orderNumber}-${String(delivery.delivery).padStart(2, '0')} ${customerName(delivery.customerId)}`;
      overdue.push({ kind: held ? 'delivery-held' : 'delivery-late', owner, label, due });
    }
  }

  const orders = orderRepository(table);
  const openOrders: OpenOrder[] = [];
  for (const status of new Set([...stuckStatuses, ...unshippedStatuses])) {
    for (const order of await orders.inStatus(status)) {
      const owner = merchandiser(order.customerId);
      if (!owner) continue;
      const number = `${order.number} ${customerName(order.customerId)}`;
      if ((stuckStatuses as readonly string[]).includes(status)) {
        openOrders.push({ number, status, updatedAt: order.updatedAt, merchandiser: owner });
      }
      if ((unshippedStatuses as readonly string[]).includes(status) && order.promisedDate) {
        overdue.push({ kind: 'promised-date', owner, label: number, due: order.promisedDate });
      }
    }
  }
  return { pending, overdue, openOrders };
}

/** One person's digest, once a day: composed (its links minted) only if it has not gone out yet. */
async function sendDigest(digest: Digest, today: string, directory: StaffDirectory) {
  const what = `daily-follow-up:${today}:${digest.person}`;
  if (await sentAlready(what, template)) return false;
  const person = directory.find(digest.person);
  const links = new Map<string, string>();
  for (const approval of [...digest.pending, ...digest.overdue.flatMap((item) => item.approval ?? [])]) {
    links.set(approval.id, await anotherApprovalLink(approval));
  }
  const email = followUpEmail({
    digest,
    name: person?.name ?? digest.person,
    language: person?.language ?? 'zh-CN',
    today,
    links,
    nameOf: (email) => directory.find(email)?.name ?? email,
  });
  await sendEachOnce(what, [{ to: [digest.person], template, ...email }]);
  return true;
}

export const handler = observed(dailyFollowUp, () => undefined);
