import { companyTimeZone } from '../domain/company.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { calendarDateIn } from '../domain/lead-time.ts';
import type { StaffRole } from '../domain/roles.ts';
import { labelOf } from '../domain/staff.ts';
import { resolvedOrThrow, type StaffDirectory, staffDirectory } from '../domain/staff-directory.ts';
import { staffRepository } from '../persistence/staff.ts';
import { port } from '../runtime.ts';
import type { Customer } from '../schemas/customer.ts';
import type { AccountTeam, OrderParties } from '../schemas/events.ts';
import type { Quotation } from '../schemas/quotation.ts';
import type { Staff } from '../schemas/staff.ts';

/**
 * The people a message or a step concerns, resolved on the server from the staff directory as it is now (who is on
 * duty, who stands in for whom): never an address a request carried.
 */

/** The staff directory as it is now, read once (one query), with the moment its rules are applied at. */
export async function currentDirectory() {
  const { staff } = await staffRepository(port('table')).directory();
  return { directory: staffDirectory(staff), now: port('clock').now() };
}

/** Who may own a customer's account: an active merchandiser of the directory, by staff id or e-mail; or why not. */
export function accountOwnerIn(directory: StaffDirectory, ref: string): { person: Staff } | { problem: string } {
  const person = directory.find(ref);
  if (!person) return { problem: `${ref} is not a person in the staff directory` };
  if (!person.active) return { problem: `${labelOf(person)} has left the company` };
  if (!person.roles.includes('merchandiser')) return { problem: `${labelOf(person)} is not a merchandiser` };
  return { person };
}

/**
 * A customer's account owner, given by staff id or e-mail: an active merchandiser of the directory (400 on the
 * field otherwise). Returns the staff id the customer keeps.
 */
export async function accountOwnerId(ref: string, field = 'accountOwner') {
  const { directory } = await currentDirectory();
  return ownerOrRefused(directory, ref, field).id;
}

function ownerOrRefused(directory: StaffDirectory, ref: string, field: string) {
  const owner = accountOwnerIn(directory, ref);
  if ('problem' in owner) throw new ValidationFailed([{ field, message: owner.problem }]);
  return owner.person;
}

/** A new customer's account owner (checked as accountOwnerId does) and its team, from one read of the directory. */
export async function newAccount(ref: string) {
  const { directory, now } = await currentDirectory();
  const owner = ownerOrRefused(directory, ref, 'accountOwner');
  return { accountOwner: owner.id, team: accountTeamIn(directory, owner.id, now) };
}

/** The account team in a directory read: the merchandiser (the owner, or their stand-in) and the owner's leader. */
export function accountTeamIn(directory: StaffDirectory, owner: string, now: Date): AccountTeam {
  const team = directory.accountOwner(owner, now);
  return {
    merchandiserEmail: resolvedOrThrow(team.merchandiser).email,
    salesManagerEmail: resolvedOrThrow(team.salesManager).email,
  };
}

/** The customer's account team as the directory has it now. */
export async function accountTeam(customer: Pick<Customer, 'accountOwner'>): Promise<AccountTeam> {
  const { directory, now } = await currentDirectory();
  return accountTeamIn(directory, customer.accountOwner, now);
}

/**
 * Who an order's e-mails go to: its customer, the customer's merchandiser and PMC on duty — from the directory read
 * given (sent with the caller's other reads), else read now.
 */
export async function orderParties(
  customer: Customer,
  directoryRead: ReturnType<typeof currentDirectory> = currentDirectory(),
): Promise<OrderParties> {
  const { directory, now } = await directoryRead;
  return {
    customerName: customer.name,
    contacts: customer.contacts,
    merchandiserEmail: accountTeamIn(directory, customer.accountOwner, now).merchandiserEmail,
    pmcEmail: resolvedOrThrow(directory.onDuty('pmc', now)).email,
  };
}

/** Whoever is on duty for a role now (R9: finance, told of a late deposit), from the directory read given, else now. */
export async function onDutyEmail(
  role: StaffRole,
  directoryRead: ReturnType<typeof currentDirectory> = currentDirectory(),
) {
  const { directory, now } = await directoryRead;
  return resolvedOrThrow(directory.onDuty(role, now)).email;
}

/** Operations: the administrator on duty, told of failed steps and undelivered requests, and asked to repair. */
export const operationsEmail = () => onDutyEmail('admin');

/**
 * A person's name as a document prints it (R17–R21, R36 signatures), signed on the company's day: from the directory
 * read given (sent with the caller's other reads), else read now.
 */
export async function documentSignature(
  email: string,
  now: Date,
  directoryRead: ReturnType<typeof currentDirectory> = currentDirectory(),
) {
  const { directory } = await directoryRead;
  return { name: directory.find(email)?.name ?? email, signedOn: calendarDateIn(now, companyTimeZone) };
}

/** R37: who asked for a quotation and, once approved, who approved it, as its document prints them: one directory read. */
export async function quotationSignatures(
  quotation: Pick<Quotation, 'requestedBy' | 'requestedAt' | 'status' | 'decision'>,
  directoryRead: ReturnType<typeof currentDirectory> = currentDirectory(),
) {
  const { decision } = quotation;
  return {
    requestedBy: await documentSignature(quotation.requestedBy, new Date(quotation.requestedAt), directoryRead),
    ...(quotation.status === 'approved' && decision
      ? { approvedBy: await documentSignature(decision.by, new Date(decision.at), directoryRead) }
      : {}),
  };
}
