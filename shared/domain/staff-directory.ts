/**
 * Who is asked, at a given time: pure resolution over the staff directory (the whole directory, as read in one
 * query). No I/O; every answer says who and why, or, when nobody can be asked, why not in words an operator can act
 * on. The rules (docs/architecture.md, "Staff directory"):
 *
 * - onDuty(role): the active person marked on duty for the role; nobody marked → the only active holder; several →
 *   the one heading the others (the holder whom no other holder has above them, e.g. the PMC manager); else nobody.
 * - standIn(person): the person if available (active, not away, holding the role needed); else their deputy, and
 *   the deputy's deputy…, skipping whoever is unavailable, each person once (deputies may name each other).
 * - deputyOnDuty(role): the deputy of the one on duty (the deputy GM), else the one on duty.
 * - leaderOf(person): their leader, or the leader's stand-in (holding leader or gm, never the person escalated
 *   from); when neither is available, one level further up.
 * - accountOwner(staff id): the merchandiser owning a customer (or their stand-in) and the sales manager, who is
 *   that merchandiser's leader (leaderOf).
 * - mayDecide(who, assignee): the assignee, at any time; besides them, only the person standing in for them at
 *   that time (the one standIn resolves to) — a deputy is not a second approver while the assignee is there.
 * - notTheRequester(requester, decider): segregation of duties — nobody decides what they asked for.
 * - insteadOfUnreachable(person, role): someone whose e-mail bounced is asked through their deputy (or the deputy's
 *   stand-in, holding the role, never the person themselves); failing that, through their leader (leaderOf).
 */
import type { Staff, StaffRole } from '../schemas/staff.ts';
import { companyTime } from './company.ts';
import { Conflict } from './errors.ts';
import { labelOf, leaderChain, leaderRoles, normalEmail } from './staff.ts';

export type Resolution =
  | {
      ok: true;
      person: Staff;
      /** The people passed over, in order (away, departed, lacking the role), when someone stands in. */
      insteadOf: Staff[];
      /** Why this person, in a sentence: "on duty for pmc", "stands in for 陈杰 (away until …)". */
      reason: string;
    }
  | { ok: false; problem: string };

export type Decision =
  | { allowed: true; as: 'assignee' | 'stand-in'; reason: string }
  | { allowed: false; reason: string };

/** A yes or no, with why. */
export type Check = { allowed: boolean; reason: string };

/** Nobody can be asked: the directory needs an operator (a role nobody holds, everyone away…). */
export class NobodyToAsk extends Conflict {}

/** The person resolved, or the problem as an error. */
export function resolvedOrThrow(resolution: Resolution) {
  if (!resolution.ok) throw new NobodyToAsk(resolution.problem);
  return resolution.person;
}

type At = string | Date;

const instant = (at: At) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** Away at `at`: from (inclusive) until to (exclusive). */
export function awayAt(person: Pick<Staff, 'away'>, at: At) {
  if (!person.away) return false;
  const t = instant(at);
  return Date.parse(person.away.from) <= t && t < Date.parse(person.away.to);
}

type Need = {
  /** The stand-in must hold one of these roles (the role being resolved). */
  roles?: readonly StaffRole[];
  /** Never these people (the person escalated from). */
  exclude?: ReadonlySet<string>;
};

/** Why a person cannot be asked at `at`, or undefined when they can. */
function unavailable(person: Staff, at: At, need: Need) {
  if (!person.active) return `${person.name} has left`;
  if (need.exclude?.has(person.id)) return `${person.name} is the person escalated from`;
  if (need.roles && !need.roles.some((role) => person.roles.includes(role))) {
    return `${person.name} does not hold ${need.roles.join(' or ')}`;
  }
  if (awayAt(person, at)) return `${person.name} is away until ${companyTime(person.away?.to ?? '')}`;
  return undefined;
}

const byIdOrder = (a: Staff, b: Staff) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The resolution rules over one read of the directory. */
export function staffDirectory(staff: readonly Staff[]) {
  const byId = new Map(staff.map((person) => [person.id, person]));
  const byEmail = new Map(staff.map((person) => [normalEmail(person.email), person]));

  /** A person by id (stf_…) or e-mail (any case). */
  const find = (idOrEmail: string) => byId.get(idOrEmail) ?? byEmail.get(normalEmail(idOrEmail));

  const notFound = (idOrEmail: string): Resolution => ({
    ok: false,
    problem: `${idOrEmail} is not a person in the staff directory.`,
  });

  /** The person, or who stands in for them (the deputy chain, each person once), with why each was passed over. */
  function standInFor(person: Staff, at: At, need: Need) {
    const passed: { person: Staff; why: string }[] = [];
    const seen = new Set<string>();
    let current: Staff | undefined = person;
    while (current && !seen.has(current.id)) {
      const why = unavailable(current, at, need);
      if (!why) return { person: current, passed };
      passed.push({ person: current, why });
      seen.add(current.id);
      current = current.deputy ? byId.get(current.deputy) : undefined;
    }
    return { person: undefined, passed };
  }

  function standIn(personOrId: Staff | string, at: At, need: Need = {}): Resolution {
    const person = typeof personOrId === 'string' ? find(personOrId) : personOrId;
    if (!person) return notFound(String(personOrId));
    const found = standInFor(person, at, need);
    const whys = found.passed.map((p) => p.why).join('; ');
    if (!found.person) {
      const end = person.deputy ? 'and no deputy after them can stand in' : `and ${person.name} has no deputy`;
      return { ok: false, problem: `Nobody can stand in for ${labelOf(person)}: ${whys}, ${end}.` };
    }
    const insteadOf = found.passed.map((p) => p.person);
    return {
      ok: true,
      person: found.person,
      insteadOf,
      reason: insteadOf.length ? `stands in for ${person.name} (${whys})` : `${found.person.name} is available`,
    };
  }

  function onDuty(role: StaffRole, at: At): Resolution {
    const holders = staff.filter((p) => p.active && p.roles.includes(role)).sort(byIdOrder);
    if (holders.length === 0) {
      return {
        ok: false,
        problem: `Nobody active holds the role ${role}: give it to someone in the staff directory (PATCH /staff/{id}).`,
      };
    }
    let chosen: Staff | undefined;
    let reason: string;
    const marked = holders.filter((p) => p.onDuty.includes(role));
    if (marked.length) {
      // The write rules keep one person on duty per role; should data ever hold two, the earlier-added wins.
      chosen = marked[0];
      reason = `on duty for ${role}`;
    } else if (holders.length === 1) {
      chosen = holders[0];
      reason = `the only one holding ${role} (nobody is marked on duty)`;
    } else {
      const heads = holders.filter((p) => !leaderChain(byId, p).chain.some((above) => holders.includes(above)));
      if (heads.length !== 1) {
        return {
          ok: false,
          problem:
            `Nobody is on duty for ${role}, and ${holders.length} people hold it with nobody heading them ` +
            `(${holders.map(labelOf).join(', ')}): mark one of them on duty (PATCH /staff/{id} with onDuty).`,
        };
      }
      chosen = heads[0];
      reason = `the head of those holding ${role} (nobody is marked on duty)`;
    }
    if (!chosen) return { ok: false, problem: `Nobody holds ${role}.` };
    const stand = standIn(chosen, at, { roles: [role] });
    if (!stand.ok) return stand;
    return stand.insteadOf.length
      ? { ...stand, reason: `${stand.reason}, who is ${reason}` }
      : { ...stand, reason: `${chosen.name} is ${reason}` };
  }

  /**
   * R37: the deputy of whoever is on duty for the role (the deputy GM: the general manager's deputy), holding the role
   * and available — or whoever stands in for the deputy, never the one on duty; when none can be asked, the one on
   * duty, who may decide whatever their deputy may.
   */
  function deputyOnDuty(role: StaffRole, at: At): Resolution {
    const head = onDuty(role, at);
    if (!head.ok) return head;
    const principal = head.insteadOf[0] ?? head.person;
    const deputy = principal.deputy ? byId.get(principal.deputy) : undefined;
    const stand = deputy && standIn(deputy, at, { roles: [role], exclude: new Set([principal.id]) });
    if (stand?.ok && stand.person.id !== head.person.id) {
      const via = stand.insteadOf.length ? `, ${stand.reason}` : '';
      return { ...stand, reason: `${deputy?.name} is the deputy of ${principal.name} (${head.reason})${via}` };
    }
    const why = deputy ? (stand && !stand.ok ? stand.problem : `${deputy.name} is the one on duty`) : 'no deputy';
    return { ...head, reason: `${head.reason}; no deputy can be asked (${why})` };
  }

  function leaderOf(personOrId: Staff | string, at: At): Resolution {
    const person = typeof personOrId === 'string' ? find(personOrId) : personOrId;
    if (!person) return notFound(String(personOrId));
    const exclude = new Set([person.id]);
    const passed: { person: Staff; why: string }[] = [];
    let current = person;
    for (;;) {
      if (!current.leader) {
        return {
          ok: false,
          problem: passed.length
            ? `Nobody above ${labelOf(person)} can take it: ${passed.map((p) => p.why).join('; ')}, and ${current.name} has no leader.`
            : `${labelOf(person)} has no leader in the staff directory: set one (PATCH /staff/{id} with leader).`,
        };
      }
      const leader = byId.get(current.leader);
      if (!leader) {
        return {
          ok: false,
          problem: `The leader of ${labelOf(current)} (${current.leader}) is not in the staff directory.`,
        };
      }
      if (exclude.has(leader.id)) {
        return { ok: false, problem: `The leaders above ${labelOf(person)} go round in a circle.` };
      }
      exclude.add(leader.id);
      const found = standInFor(leader, at, { roles: leaderRoles, exclude: new Set([person.id]) });
      passed.push(...found.passed);
      if (found.person) {
        const insteadOf = passed.map((p) => p.person);
        return {
          ok: true,
          person: found.person,
          insteadOf,
          reason: insteadOf.length
            ? `stands in for ${person.name}’s leader ${byId.get(person.leader ?? '')?.name} (${passed.map((p) => p.why).join('; ')})`
            : `${found.person.name} is ${person.name}’s leader`,
        };
      }
      current = leader;
    }
  }

  /** The merchandiser owning a customer (or their stand-in), and the sales manager: that merchandiser's leader. */
  function accountOwner(ownerId: string, at: At) {
    const owner = find(ownerId);
    if (!owner) return { merchandiser: notFound(ownerId), salesManager: notFound(ownerId) };
    const merchandiser: Resolution = owner.roles.includes('merchandiser')
      ? standIn(owner, at, { roles: ['merchandiser'] })
      : { ok: false, problem: `${labelOf(owner)} owns the account but is not a merchandiser.` };
    return { owner, merchandiser, salesManager: leaderOf(owner, at) };
  }

  /**
   * Whether `who` (id or e-mail) may decide what was asked of `assigneeId` (id or e-mail) at `at`: the assignee, or
   * the one standing in for them at that time. `role`: the role the decision was asked of, which the decider holds.
   */
  function mayDecide(who: string, assigneeId: string, at: At, role?: StaffRole): Decision {
    const decider = find(who);
    if (!decider) return { allowed: false, reason: `${who} is not a person in the staff directory.` };
    if (!decider.active) return { allowed: false, reason: `${labelOf(decider)} has left the company.` };
    const assignee = find(assigneeId);
    if (!assignee) return { allowed: false, reason: `${assigneeId} is not a person in the staff directory.` };
    if (role && !decider.roles.includes(role)) {
      return { allowed: false, reason: `${labelOf(decider)} does not hold ${role}, which this decision needs.` };
    }
    if (decider.id === assignee.id) return { allowed: true, as: 'assignee', reason: `${decider.name} was asked` };
    const stand = standIn(assignee, at, role ? { roles: [role] } : {});
    if (stand.ok && stand.person.id === decider.id) return { allowed: true, as: 'stand-in', reason: stand.reason };
    if (stand.ok && stand.person.id === assignee.id) {
      return { allowed: false, reason: `${assignee.name} was asked and is available: only they decide.` };
    }
    if (stand.ok) {
      return { allowed: false, reason: `${stand.person.name} stands in for ${assignee.name}, not ${decider.name}.` };
    }
    return { allowed: false, reason: stand.problem };
  }

  /** Segregation of duties: the person who asked is not the one who decides (by id or e-mail, any case). */
  function notTheRequester(requester: string, decider: string): Check {
    const identities = (idOrEmail: string) => {
      const person = find(idOrEmail);
      return new Set([normalEmail(idOrEmail), ...(person ? [person.id, person.email] : [])]);
    };
    const asked = identities(requester);
    const same = [...identities(decider)].some((identity) => asked.has(identity));
    const name = find(decider)?.name ?? decider;
    return same
      ? { allowed: false, reason: `${name} asked for this and may not decide it too.` }
      : { allowed: true, reason: `${name} did not ask for it` };
  }

  /** Who is asked instead of a person whose e-mail bounced: their deputy (for the role), else their leader. */
  function insteadOfUnreachable(personOrId: Staff | string, role: StaffRole, at: At): Resolution {
    const person = typeof personOrId === 'string' ? find(personOrId) : personOrId;
    if (!person) return notFound(String(personOrId));
    const deputy = person.deputy ? byId.get(person.deputy) : undefined;
    const tried: string[] = [];
    if (deputy) {
      const stand = standIn(deputy, at, { roles: [role], exclude: new Set([person.id]) });
      if (stand.ok) {
        const via = stand.insteadOf.length ? `, ${stand.reason}` : '';
        return { ...stand, reason: `${person.name}'s e-mail bounced: ${deputy.name} is their deputy${via}` };
      }
      tried.push(stand.problem);
    } else tried.push(`${person.name} has no deputy.`);
    const above = leaderOf(person, at);
    if (above.ok) return { ...above, reason: `${person.name}'s e-mail bounced: ${above.reason}` };
    tried.push(above.problem);
    return { ok: false, problem: `Nobody can be asked instead of ${labelOf(person)}: ${tried.join(' ')}` };
  }

  return {
    staff,
    find,
    standIn,
    onDuty,
    deputyOnDuty,
    leaderOf,
    accountOwner,
    mayDecide,
    notTheRequester,
    insteadOfUnreachable,
  };
}

export type StaffDirectory = ReturnType<typeof staffDirectory>;
