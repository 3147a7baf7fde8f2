import { describe, expect, it } from 'vitest';
import { NobodyToAsk, resolvedOrThrow, staffDirectory } from '../../shared/domain/staff-directory.ts';
import type { Staff } from '../../shared/schemas/staff.ts';

const now = '2026-12-01T02:00:00.000Z';
const away = { from: '2026-11-30T00:00:00.000Z', to: '2026-12-06T00:00:00.000Z' };

/** A person of a hand-made directory (resolution must cope with any data, not only what the write rules allow). */
function person(key: string, fields: Partial<Staff> = {}): Staff {
  return {
    id: `stf_${key.toUpperCase().padEnd(26, '0')}`,
    name: key,
    email: `${key}@factory.example`,
    language: 'zh-CN',
    roles: ['merchandiser'],
    department: 'sales',
    onDuty: [],
    active: true,
    version: 1,
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
    ...fields,
  };
}
const id = (key: string) => person(key).id;

const who = (resolution: ReturnType<ReturnType<typeof staffDirectory>['onDuty']>) =>
  resolution.ok ? resolution.person.name : resolution.problem;

describe('who is away', () => {
  it('counts from (inclusive) to (exclusive)', () => {
    const directory = staffDirectory([person('a', { away, deputy: id('b') }), person('b')]);
    expect(who(directory.standIn(id('a'), away.from))).toBe('b');
    expect(who(directory.standIn(id('a'), '2026-12-05T23:59:59.999Z'))).toBe('b');
    expect(who(directory.standIn(id('a'), away.to))).toBe('a');
    expect(who(directory.standIn(id('a'), new Date('2026-11-29T23:59:59.999Z')))).toBe('a');
  });
});

describe('the person on duty for a role', () => {
  const pmc = { roles: ['pmc' as const], department: 'pmc' };

  it('is the one marked on duty', () => {
    const directory = staffDirectory([
      person('manager', { roles: ['pmc', 'leader'], department: 'pmc' }),
      person('jie', { ...pmc, onDuty: ['pmc'], leader: id('manager') }),
      person('chao', { ...pmc, leader: id('manager') }),
    ]);
    const resolution = directory.onDuty('pmc', now);
    expect(resolution).toMatchObject({
      ok: true,
      person: { name: 'jie' },
      insteadOf: [],
      reason: 'jie is on duty for pmc',
    });
  });

  it('falls back to the only holder, then to the one heading the holders (e.g. the PMC manager)', () => {
    expect(who(staffDirectory([person('jie', pmc), person('qa', { roles: ['qa'] })]).onDuty('pmc', now))).toBe('jie');
    const directory = staffDirectory([
      person('manager', { roles: ['pmc', 'leader'], department: 'pmc', leader: id('gm') }),
      person('gm', { roles: ['gm', 'leader'] }),
      person('jie', { ...pmc, leader: id('manager') }),
      person('chao', { ...pmc, leader: id('manager') }),
    ]);
    const resolution = directory.onDuty('pmc', now);
    expect(who(resolution)).toBe('manager');
    expect(resolution.ok && resolution.reason).toBe(
      'manager is the head of those holding pmc (nobody is marked on duty)',
    );
  });

  it('says what to do when several hold the role and nobody heads them, or nobody holds it', () => {
    const directory = staffDirectory([
      person('zhou', { roles: ['finance'] }),
      person('zheng', { roles: ['finance'] }),
      person('gone', { roles: ['qa'], active: false, onDuty: ['qa'] }),
    ]);
    expect(who(directory.onDuty('finance', now))).toBe(
      'Nobody is on duty for finance, and 2 people hold it with nobody heading them (zheng <zheng@factory.example>, ' +
        'zhou <zhou@factory.example>): mark one of them on duty (PATCH /staff/{id} with onDuty).',
    );
    expect(who(directory.onDuty('qa', now))).toBe(
      'Nobody active holds the role qa: give it to someone in the staff directory (PATCH /staff/{id}).',
    );
    expect(() => resolvedOrThrow(directory.onDuty('qa', now))).toThrow(NobodyToAsk);
  });

  it('picks deterministically should two ever be marked (the earlier added)', () => {
    const directory = staffDirectory([
      person('b', { ...pmc, onDuty: ['pmc'] }),
      person('a', { ...pmc, onDuty: ['pmc'] }),
    ]);
    expect(who(directory.onDuty('pmc', now))).toBe('a');
  });

  it('goes to the deputy while the person on duty is away, and on down the chain', () => {
    const directory = staffDirectory([
      person('jie', { ...pmc, onDuty: ['pmc'], away, deputy: id('chao') }),
      person('chao', { ...pmc, away, deputy: id('lin') }),
      person('lin', { ...pmc, deputy: id('jie') }),
    ]);
    const resolution = directory.onDuty('pmc', now);
    expect(resolution).toMatchObject({ ok: true, person: { name: 'lin' } });
    expect(resolution.ok && resolution.insteadOf.map((p) => p.name)).toEqual(['jie', 'chao']);
    expect(resolution.ok && resolution.reason).toBe(
      'stands in for jie (jie is away until 2026-12-06 08:00 (Asia/Shanghai); chao is away until 2026-12-06 08:00 ' +
        '(Asia/Shanghai)), who is on duty for pmc',
    );
  });

  it('skips deputies who left or lack the role, and says so when nobody can stand in (cycle-safe)', () => {
    const directory = staffDirectory([
      person('jie', { ...pmc, onDuty: ['pmc'], away, deputy: id('gone') }),
      person('gone', { ...pmc, active: false, deputy: id('clerk') }),
      person('clerk', { roles: ['finance'], deputy: id('chao') }),
      person('chao', { ...pmc }),
    ]);
    expect(who(directory.onDuty('pmc', now))).toBe('chao');
    const circle = staffDirectory([
      person('jie', { ...pmc, onDuty: ['pmc'], away, deputy: id('chao') }),
      person('chao', { ...pmc, away, deputy: id('jie') }),
    ]);
    expect(who(circle.onDuty('pmc', now))).toBe(
      'Nobody can stand in for jie <jie@factory.example>: jie is away until 2026-12-06 08:00 (Asia/Shanghai); chao ' +
        'is away until 2026-12-06 08:00 (Asia/Shanghai), and no deputy after them can stand in.',
    );
    const alone = staffDirectory([person('jie', { ...pmc, away })]);
    expect(who(alone.onDuty('pmc', now))).toMatch(/and jie has no deputy\.$/);
  });
});

describe('the leader, for escalation', () => {
  const directory = staffDirectory([
    person('gm', { roles: ['gm', 'leader'], department: 'management', deputy: id('dgm') }),
    person('dgm', { roles: ['gm', 'leader'], department: 'management', leader: id('gm'), deputy: id('gm') }),
    person('xu', { roles: ['leader'], leader: id('gm'), deputy: id('becker') }),
    person('becker', { roles: ['leader'], leader: id('gm'), deputy: id('xu'), away }),
    person('zhang', { leader: id('becker'), deputy: id('fang') }),
    person('fang', { leader: id('xu'), deputy: id('zhang') }),
    person('clerk', { roles: ['finance'], leader: id('boss') }),
    person('boss', { roles: ['finance', 'leader'], leader: id('gm'), deputy: id('clerk2'), away }),
    person('clerk2', { roles: ['finance'], leader: id('boss') }),
  ]);

  it('is the leader when present', () => {
    expect(directory.leaderOf(id('fang'), now)).toMatchObject({
      ok: true,
      person: { name: 'xu' },
      reason: 'xu is fang’s leader',
    });
  });

  it('is the leader’s stand-in while the leader is away', () => {
    const resolution = directory.leaderOf(id('zhang'), now);
    expect(who(resolution)).toBe('xu');
    expect(resolution.ok && resolution.insteadOf.map((p) => p.name)).toEqual(['becker']);
  });

  it('goes one level up when the leader’s deputy holds no leader role', () => {
    const resolution = directory.leaderOf(id('clerk'), now);
    expect(who(resolution)).toBe('gm');
    expect(resolution.ok && resolution.reason).toBe(
      'stands in for clerk’s leader boss (boss is away until 2026-12-06 08:00 (Asia/Shanghai); clerk2 does not ' +
        'hold leader or gm)',
    );
  });

  it('never escalates to the person escalated from (the GM away, escalating the deputy GM)', () => {
    const gmAway = staffDirectory(directory.staff.map((p) => (p.name === 'gm' ? { ...p, away } : p)));
    expect(who(gmAway.leaderOf(id('dgm'), now))).toBe(
      'Nobody above dgm <dgm@factory.example> can take it: gm is away until 2026-12-06 08:00 (Asia/Shanghai); dgm is ' +
        'the person escalated from, and gm has no leader.',
    );
  });

  it('says when a person has no leader, or is unknown', () => {
    expect(who(directory.leaderOf(id('gm'), now))).toBe(
      'gm <gm@factory.example> has no leader in the staff directory: set one (PATCH /staff/{id} with leader).',
    );
    expect(who(directory.leaderOf('nobody@factory.example', now))).toBe(
      'nobody@factory.example is not a person in the staff directory.',
    );
  });

  it('is cycle-safe over bad data', () => {
    const circle = staffDirectory([
      person('a', { roles: ['leader'], leader: id('b'), away }),
      person('b', { roles: ['leader'], leader: id('a'), away }),
    ]);
    expect(who(circle.leaderOf(id('a'), now))).toBe('The leaders above a <a@factory.example> go round in a circle.');
  });
});

describe('the account owner of a customer', () => {
  const directory = staffDirectory([
    person('xu', { roles: ['leader'] }),
    person('fang', { leader: id('xu'), deputy: id('na'), away }),
    person('na', { leader: id('xu') }),
    person('clerk', { roles: ['finance'], leader: id('xu') }),
  ]);

  it('is the merchandiser (or their stand-in) and the sales manager, the merchandiser’s leader', () => {
    const { merchandiser, salesManager } = directory.accountOwner(id('fang'), now);
    expect(who(merchandiser)).toBe('na');
    expect(who(salesManager)).toBe('xu');
    expect(who(directory.accountOwner(id('na'), now).merchandiser)).toBe('na');
  });

  it('must be a merchandiser of the directory', () => {
    expect(who(directory.accountOwner(id('clerk'), now).merchandiser)).toBe(
      'clerk <clerk@factory.example> owns the account but is not a merchandiser.',
    );
    expect(directory.accountOwner(id('ghost'), now).salesManager.ok).toBe(false);
  });
});

describe('who may decide', () => {
  const directory = staffDirectory([
    person('fang', { deputy: id('na'), away }),
    person('na', { deputy: id('fang') }),
    person('zhang', { deputy: id('na') }),
    person('gone', { active: false }),
    person('clerk', { roles: ['finance'] }),
  ]);

  it('lets the assignee decide at any time, even while away', () => {
    expect(directory.mayDecide(id('fang'), id('fang'), now)).toMatchObject({ allowed: true, as: 'assignee' });
    expect(directory.mayDecide('FANG@factory.example', 'fang@factory.example', now).allowed).toBe(true);
  });

  it('lets the deputy decide only while the assignee is away', () => {
    expect(directory.mayDecide(id('na'), id('fang'), now)).toMatchObject({ allowed: true, as: 'stand-in' });
    expect(directory.mayDecide(id('na'), id('zhang'), now)).toEqual({
      allowed: false,
      reason: 'zhang was asked and is available: only they decide.',
    });
    expect(directory.mayDecide(id('na'), id('fang'), away.to).allowed).toBe(false);
  });

  it('refuses strangers, people who left, and deciders lacking the role asked of', () => {
    expect(directory.mayDecide(id('zhang'), id('fang'), now)).toEqual({
      allowed: false,
      reason: 'na stands in for fang, not zhang.',
    });
    expect(directory.mayDecide('someone@else.example', id('fang'), now).allowed).toBe(false);
    expect(directory.mayDecide(id('gone'), id('gone'), now)).toEqual({
      allowed: false,
      reason: 'gone <gone@factory.example> has left the company.',
    });
    expect(directory.mayDecide(id('na'), id('fang'), now, 'finance')).toEqual({
      allowed: false,
      reason: 'na <na@factory.example> does not hold finance, which this decision needs.',
    });
  });

  it('keeps duties apart: the requester is not the decider, by id or e-mail in any case', () => {
    expect(directory.notTheRequester('fang@factory.example', id('fang')).allowed).toBe(false);
    expect(directory.notTheRequester(id('fang'), 'Fang@Factory.Example')).toEqual({
      allowed: false,
      reason: 'fang asked for this and may not decide it too.',
    });
    expect(directory.notTheRequester('fang@factory.example', id('na'))).toEqual({
      allowed: true,
      reason: 'na did not ask for it',
    });
    expect(directory.notTheRequester('buyer@customer.example', 'BUYER@customer.example').allowed).toBe(false);
  });
});

describe('who is asked instead of someone whose e-mail bounced', () => {
  const team = (fields: { deputyAway?: boolean; deputyRole?: Staff['roles'] } = {}) =>
    staffDirectory([
      person('boss', { roles: ['leader'] }),
      person('fang', { leader: id('boss'), deputy: id('na') }),
      person('na', {
        leader: id('boss'),
        roles: fields.deputyRole ?? ['merchandiser'],
        deputy: id('fang'),
        ...(fields.deputyAway ? { away } : {}),
      }),
    ]);

  it('is their deputy, holding the role, saying why', () => {
    const resolution = team().insteadOfUnreachable('fang@factory.example', 'merchandiser', now);
    expect(who(resolution)).toBe('na');
    expect(resolution.ok && resolution.reason).toBe("fang's e-mail bounced: na is their deputy");
  });

  it('is their leader when the deputy is away or lacks the role (never the person themselves)', () => {
    expect(who(team({ deputyAway: true }).insteadOfUnreachable(id('fang'), 'merchandiser', now))).toBe('boss');
    expect(who(team({ deputyRole: ['pmc'] }).insteadOfUnreachable(id('fang'), 'merchandiser', now))).toBe('boss');
    const alone = staffDirectory([person('solo')]);
    expect(who(alone.insteadOfUnreachable(id('solo'), 'merchandiser', now))).toContain(
      'Nobody can be asked instead of solo',
    );
  });
});

describe('the deputy GM (R37: special prices within the limit)', () => {
  const gm = person('gm', { roles: ['gm', 'leader'], deputy: id('deputy') });
  const deputy = person('deputy', { roles: ['gm', 'leader'], leader: id('gm'), deputy: id('gm') });

  it('is the deputy of the general manager on duty, holding gm', () => {
    expect(who(staffDirectory([gm, deputy]).deputyOnDuty('gm', now))).toBe('deputy');
  });

  it('is the general manager when the deputy is away, or has none', () => {
    expect(who(staffDirectory([gm, { ...deputy, away }]).deputyOnDuty('gm', now))).toBe('gm');
    expect(who(staffDirectory([{ ...gm, deputy: undefined }]).deputyOnDuty('gm', now))).toBe('gm');
  });

  it('is the deputy when the general manager is away and the deputy stands in for him', () => {
    expect(who(staffDirectory([{ ...gm, away }, deputy]).deputyOnDuty('gm', now))).toBe('deputy');
  });
});
