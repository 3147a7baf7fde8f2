/**
 * The staff directory's records and the rules every change of it keeps (see docs/architecture.md, "Staff
 * directory"). Who resolves to whom at a given time is in staff-directory.ts; this file decides what may be stored.
 *
 * The rules, checked against the whole directory as it will be after the change:
 * - e-mails are unique among all staff, departed people included, compared in lower case (stored in lower case);
 * - a leader is another, active person holding `leader` or `gm`, and following leaders never comes back round;
 * - a deputy is another, active person who shares at least one role with the person (a stand-in with nothing in
 *   common is a slip) and holds every role the person is on duty for (a duty is never left to someone who cannot
 *   do it). Deputies may stand in for each other (two planners): resolution follows deputies cycle-safe;
 * - one is on duty only for a role one holds; at most one active person is on duty for a role: putting someone on
 *   duty takes the duty off whoever had it (the hand-over is written in the same transaction, with its own event);
 * - people leave by being deactivated (never deleted): that takes them off duty, and is refused while active people
 *   still name them as leader or deputy — those need someone else first, so no escalation path ends at an empty desk.
 *   Likewise a person's roles cannot drop what the people naming them as leader or deputy rely on.
 * Problems with the person's own fields are 400s naming the field; problems with other people's records are 409s.
 */

import type { EventOf } from '../schemas/events.ts';
import type { NewStaff, Staff, StaffChanges } from '../schemas/staff.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, edited, fieldChanges } from './events.ts';
import type { StaffRole } from './roles.ts';

export type StaffAdded = EventOf<'StaffAdded'>;
export type StaffChanged = EventOf<'StaffChanged'>;
export type StaffEvent = StaffAdded | StaffChanged;

/** One person to store: new (no `previous`) or changed from `previous`, the version read. */
export type StaffWrite = { staff: Staff; previous?: Staff; event: StaffEvent };

/** The roles a leader holds one of: escalations are decided by leaders (and by the general manager). */
export const leaderRoles: readonly StaffRole[] = ['leader', 'gm'];

const subjectOf = (staff: Staff) => ({ kind: 'staff', id: staff.id });

/** How a person is named in messages an operator reads: 王芳 <wang.fang@factory.example>. */
export const labelOf = (person: Pick<Staff, 'name' | 'email'>) => `${person.name} <${person.email}>`;

export const normalEmail = (email: string) => email.trim().toLowerCase();

const holdsAny = (person: Staff, roles: readonly StaffRole[]) => roles.some((role) => person.roles.includes(role));

const names = (people: Staff[]) => people.map((p) => p.name).join(', ');

/** The directory with `person` in it as it will be stored (added, or replacing the version read). */
function withPerson(directory: readonly Staff[], person: Staff) {
  const byId = new Map(directory.map((p) => [p.id, p]));
  byId.set(person.id, person);
  return byId;
}

/** The leaders above `person`, nearest first, stopping before a person seen twice (cycle-safe). */
export function leaderChain(byId: ReadonlyMap<string, Staff>, person: Staff) {
  const chain: Staff[] = [];
  const seen = new Set([person.id]);
  let next = person.leader ? byId.get(person.leader) : undefined;
  while (next && !seen.has(next.id)) {
    chain.push(next);
    seen.add(next.id);
    next = next.leader ? byId.get(next.leader) : undefined;
  }
  return { chain, cycle: next !== undefined };
}

/** The problems with the person's own fields (400s): its references, its duties. Departed people are not checked. */
export function ownIssues(directory: readonly Staff[], person: Staff): FieldIssue[] {
  if (!person.active) return [];
  const byId = withPerson(directory, person);
  const issues: FieldIssue[] = [];
  person.onDuty.forEach((role, i) => {
    if (!person.roles.includes(role))
      issues.push({ field: `onDuty.${i}`, message: `is not one of the person’s roles` });
  });
  /** The person a reference names, when it is another, active person of the directory; else its issue. */
  const reference = (field: 'leader' | 'deputy') => {
    const id = person[field];
    if (id === undefined) return undefined;
    const other = byId.get(id);
    const problem =
      id === person.id
        ? 'is the person themself'
        : !other
          ? 'is not a person in the staff directory'
          : !other.active
            ? `is ${labelOf(other)}, who has left`
            : undefined;
    if (problem) issues.push({ field, message: problem });
    return problem ? undefined : other;
  };
  const leader = reference('leader');
  if (leader && !holdsAny(leader, leaderRoles)) {
    issues.push({ field: 'leader', message: `is ${labelOf(leader)}, who holds neither leader nor gm` });
  } else if (leader) {
    const { chain, cycle } = leaderChain(byId, person);
    if (cycle) {
      issues.push({
        field: 'leader',
        message: `would make a circle of leaders: ${[person, ...chain, person].map((p) => p.name).join(' → ')}`,
      });
    }
  }
  const deputy = reference('deputy');
  if (deputy && !holdsAny(deputy, person.roles)) {
    issues.push({ field: 'deputy', message: `is ${labelOf(deputy)}, who shares no role with this person` });
  } else if (deputy) {
    const missing = person.onDuty.filter((role) => !deputy.roles.includes(role));
    if (missing.length) {
      issues.push({
        field: 'deputy',
        message: `is ${labelOf(deputy)}, who does not hold ${missing.join(', ')}, which this person is on duty for`,
      });
    }
  }
  return issues;
}

/** The problems the change makes for other people (409s): those naming the person as their leader or deputy. */
export function dependentConflicts(directory: readonly Staff[], person: Staff): FieldIssue[] {
  const others = directory.filter((p) => p.active && p.id !== person.id);
  const led = others.filter((p) => p.leader === person.id);
  const stoodInFor = others.filter((p) => p.deputy === person.id);
  const issues: FieldIssue[] = [];
  if (!person.active) {
    if (led.length) {
      issues.push({ field: 'active', message: `is still the leader of ${names(led)}: give them another leader first` });
    }
    if (stoodInFor.length) {
      issues.push({
        field: 'active',
        message: `is still the deputy of ${names(stoodInFor)}: give them another deputy first`,
      });
    }
    return issues;
  }
  if (led.length && !holdsAny(person, leaderRoles)) {
    issues.push({ field: 'roles', message: `must keep leader or gm: ${names(led)} have this person as their leader` });
  }
  for (const other of stoodInFor) {
    if (!holdsAny(person, other.roles)) {
      issues.push({ field: 'roles', message: `shares no role with ${other.name}, whose deputy this person is` });
      continue;
    }
    const missing = other.onDuty.filter((role) => !person.roles.includes(role));
    if (missing.length) {
      issues.push({
        field: 'roles',
        message: `must keep ${missing.join(', ')}: this person is the deputy of ${other.name}, who is on duty for it`,
      });
    }
  }
  return issues;
}

/** E-mails are unique among all staff (departed people keep theirs, so that their history still resolves). */
function emailConflict(directory: readonly Staff[], person: Staff) {
  const holder = directory.find((p) => p.id !== person.id && p.email === person.email);
  return holder
    ? new Conflict(`The e-mail ${person.email} belongs to ${holder.name}.`, [
        { field: 'email', message: `is already the e-mail of ${holder.name}` },
      ])
    : undefined;
}

/** Puts the person on duty: whoever else was on duty for one of their duty roles is taken off it (a hand-over). */
function handOver(directory: readonly Staff[], person: Staff, context: EventContext): StaffWrite[] {
  if (!person.active || person.onDuty.length === 0) return [];
  return directory.flatMap((other) => {
    if (other.id === person.id) return [];
    const handed = other.onDuty.filter((role) => person.onDuty.includes(role));
    if (handed.length === 0) return [];
    const onDuty = other.onDuty.filter((role) => !handed.includes(role));
    const changes = [{ field: 'onDuty', before: other.onDuty, after: onDuty }];
    const staff = edited(other, changes, context.now, context.actor);
    const cause = `${handed.join(', ')} handed over to ${person.name}`;
    const event: StaffChanged = domainEvent('StaffChanged', subjectOf(staff), { staff, changes, cause }, context);
    return [{ staff, previous: other, event }];
  });
}

function checked(directory: readonly Staff[], person: Staff, context: EventContext) {
  const invalid = ownIssues(directory, person);
  if (invalid.length) throw new ValidationFailed(invalid);
  const duplicate = emailConflict(directory, person);
  if (duplicate) throw duplicate;
  const conflicts = dependentConflicts(directory, person);
  if (conflicts.length) {
    throw new Conflict('The change would leave other people of the directory without what they rely on.', conflicts);
  }
  return handOver(directory, person, context);
}

/** The fields a change may remove (with null). */
const optional = ['leader', 'deputy', 'away'] as const;
/** Stands for "remove this field" while changes are compared. */
const removed = Symbol('removed');

/** A person joins the directory; `directory` is the whole directory as read. The first write is the person. */
export function addStaff(input: NewStaff, directory: readonly Staff[], context: EventContext) {
  const { now, actor, newId } = context;
  const staff: Staff = {
    ...input,
    email: normalEmail(input.email),
    active: true,
    id: `stf_${newId()}`,
    version: 1,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  const handedOver = checked(directory, staff, context);
  const event: StaffAdded = domainEvent('StaffAdded', subjectOf(staff), { staff }, context);
  return { staff, writes: [{ staff, event }, ...handedOver] as StaffWrite[] };
}

/**
 * Applies changes to a person (null removes leader, deputy or away); nothing to write when nothing really changes.
 * Deactivating takes the person off duty. The first write, if any, is the person.
 */
export function changeStaff(
  current: Staff,
  changes: Omit<StaffChanges, 'version'>,
  directory: readonly Staff[],
  context: EventContext,
) {
  const wanted: Record<string, unknown> = { ...changes };
  if (changes.email !== undefined) wanted.email = normalEmail(changes.email);
  if (changes.active === false) wanted.onDuty = [];
  // null removes: a field absent before and removed now is no change (fieldChanges compares JSON, where the
  // marker and absence look alike); a real removal is recorded with after: null.
  for (const field of optional) if (wanted[field] === null) wanted[field] = removed;
  const changed = fieldChanges(current as Record<string, unknown>, wanted).map((change) =>
    change.after === removed ? { ...change, after: null } : change,
  );
  if (changed.length === 0) return { staff: current, writes: [] as StaffWrite[] };
  const staff = edited(current, changed, context.now, context.actor);
  for (const field of optional) if (staff[field] === null) delete staff[field];
  const handedOver = checked(directory, staff, context);
  const event: StaffChanged = domainEvent('StaffChanged', subjectOf(staff), { staff, changes: changed }, context);
  return { staff, writes: [{ staff, previous: current, event }, ...handedOver] as StaffWrite[] };
}

const collator = new Intl.Collator('zh-CN');

/** GET /staff: the people the filters select (all filters must hold), by department, then name, then id. */
export function selectStaff(
  directory: readonly Staff[],
  filters: { role?: StaffRole; department?: string; active?: 'true' | 'false'; email?: string },
) {
  const email = filters.email === undefined ? undefined : normalEmail(filters.email);
  return directory
    .filter(
      (p) =>
        (filters.role === undefined || p.roles.includes(filters.role)) &&
        (filters.department === undefined || p.department === filters.department) &&
        (filters.active === undefined || String(p.active) === filters.active) &&
        (email === undefined || p.email === email),
    )
    .sort(
      (a, b) =>
        collator.compare(a.department, b.department) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1),
    );
}

/**
 * Every rule over a whole directory (an import, the demo company): each problem's field names the person by
 * e-mail, e.g. `wang.fang@factory.example.deputy`. Empty when the directory keeps every rule.
 */
export function directoryIssues(directory: readonly Staff[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const onDuty = new Map<StaffRole, Staff>();
  for (const person of directory) {
    const named = (list: FieldIssue[]) => list.map((i) => ({ ...i, field: `${person.email}.${i.field}` }));
    issues.push(...named(ownIssues(directory, person)));
    issues.push(...named(dependentConflicts(directory, person)));
    const duplicate = emailConflict(directory, person);
    if (duplicate) issues.push(...named(duplicate.errors ?? []));
    if (person.email !== normalEmail(person.email))
      issues.push(...named([{ field: 'email', message: 'is not in lower case' }]));
    for (const role of person.active ? person.onDuty : []) {
      const other = onDuty.get(role);
      if (other) issues.push(...named([{ field: 'onDuty', message: `${role} is also ${other.name}’s duty` }]));
      else onDuty.set(role, person);
    }
  }
  return issues;
}
