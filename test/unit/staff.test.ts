import { describe, expect, it } from 'vitest';
import { demoCustomers, demoDirectory, demoPeople, demoStaff, demoUsers } from '../../scripts/offline/demo-data.ts';
import { roles, staffRoles } from '../../shared/domain/roles.ts';
import { addStaff, changeStaff, directoryIssues, selectStaff } from '../../shared/domain/staff.ts';
import { type Resolution, staffDirectory } from '../../shared/domain/staff-directory.ts';
import type { NewStaff as NewStaffInput, Staff } from '../../shared/schemas/staff.ts';
import { NewStaff, StaffChanges } from '../../shared/schemas/staff.ts';

let counter = 0;
const newId = () => `01J${String(++counter).padStart(23, '0')}`;
const context = { now: '2026-12-01T02:00:00.000Z', actor: 'feng.tao@factory.example', newId };

/** A valid new person; tests vary one thing at a time. */
const newPerson = (overrides: Partial<NewStaffInput> = {}): NewStaffInput => ({
  name: '王芳 Wang Fang',
  email: `person${++counter}@factory.example`,
  language: 'zh-CN',
  roles: ['merchandiser'],
  department: 'sales',
  onDuty: [],
  ...overrides,
});

/** A small directory built through the rules: a GM, a sales manager, two merchandisers, two PMC planners. */
function company() {
  let staff: Staff[] = [];
  const add = (input: NewStaffInput) => {
    const { staff: person, writes } = addStaff(input, staff, context);
    staff = [...staff.filter((p) => !writes.some((w) => w.staff.id === p.id)), ...writes.map((w) => w.staff)];
    return person;
  };
  const gm = add(
    newPerson({ name: '何军', email: 'he.jun@factory.example', roles: ['gm', 'leader'], department: 'management' }),
  );
  const manager = add(newPerson({ name: '徐明', email: 'xu.ming@factory.example', roles: ['leader'], leader: gm.id }));
  const fang = add(newPerson({ name: '王芳', email: 'wang.fang@factory.example', leader: manager.id }));
  const na = add(newPerson({ name: '李娜', email: 'li.na@factory.example', leader: manager.id, deputy: fang.id }));
  const jie = add(
    newPerson({ name: '陈杰', email: 'chen.jie@factory.example', roles: ['pmc'], department: 'pmc', onDuty: ['pmc'] }),
  );
  const chao = add(
    newPerson({ name: '马超', email: 'ma.chao@factory.example', roles: ['pmc'], department: 'pmc', deputy: jie.id }),
  );
  const get = (id: string) => staff.find((p) => p.id === id) as Staff;
  return { staff: () => staff, get, gm, manager, fang, na, jie, chao };
}

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { status: (error as { status: number }).status, errors: (error as { errors?: unknown[] }).errors };
  }
  throw new Error('expected a refusal');
};

describe('the roles', () => {
  it('add the system administrator as a staff role; customers are not staff', () => {
    expect(staffRoles).toContain('admin');
    expect(staffRoles).not.toContain('customer');
    expect(roles).toEqual(['customer', ...staffRoles]);
  });
});

describe('the staff schemas', () => {
  const problems = (schema: typeof NewStaff | typeof StaffChanges, input: unknown) =>
    schema.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];

  it('accept a Chinese name, default onDuty, and refuse the customer role, unknown languages and bad ids', () => {
    const { onDuty, ...input } = newPerson();
    expect(NewStaff.parse(input).onDuty).toEqual([]);
    expect(problems(NewStaff, { ...input, roles: ['customer'] })).toEqual(['roles.0']);
    expect(problems(NewStaff, { ...input, roles: [] })).toEqual(['roles']);
    expect(problems(NewStaff, { ...input, roles: ['pmc', 'pmc'] })).toEqual(['roles']);
    expect(problems(NewStaff, { ...input, language: 'fr' })).toEqual(['language']);
    expect(problems(NewStaff, { ...input, leader: 'xu.ming@factory.example' })).toEqual(['leader']);
    expect(problems(NewStaff, { ...input, department: 'Sales Dept' })).toEqual(['department']);
    expect(problems(NewStaff, { ...input, active: false })).toEqual(['']);
  });

  it('want an away period that ends after it starts', () => {
    const away = { from: '2026-12-10T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
    expect(problems(NewStaff, { ...newPerson(), away })).toEqual(['away.to']);
  });

  it('let a change remove leader, deputy and away with null, and want a field besides the version', () => {
    expect(problems(StaffChanges, { leader: null, deputy: null, away: null })).toEqual([]);
    expect(problems(StaffChanges, { version: 2 })).toEqual(['']);
    expect(problems(StaffChanges, { name: null })).toEqual(['name']);
  });
});

describe('adding a person', () => {
  it('stores the e-mail in lower case, active, at version 1, with StaffAdded', () => {
    const { staff, writes } = addStaff(newPerson({ email: 'Wang.Fang@Factory.Example' }), [], context);
    expect(staff).toMatchObject({ email: 'wang.fang@factory.example', active: true, version: 1, onDuty: [] });
    expect(staff.id).toMatch(/^stf_01J/);
    expect(writes).toEqual([{ staff, event: expect.objectContaining({ type: 'StaffAdded', data: { staff } }) }]);
  });

  it('refuses an e-mail another person has, in any case, departed people included (409)', () => {
    const { staff } = company();
    expect(issuesOf(() => addStaff(newPerson({ email: 'WANG.fang@factory.example' }), staff(), context))).toEqual({
      status: 409,
      errors: [{ field: 'email', message: 'is already the e-mail of 王芳' }],
    });
  });

  it('checks the leader: exists, active, a leader or gm (400 naming the field)', () => {
    const { staff, fang } = company();
    const missing = `stf_${newId()}`;
    expect(issuesOf(() => addStaff(newPerson({ leader: missing }), staff(), context))).toEqual({
      status: 400,
      errors: [{ field: 'leader', message: 'is not a person in the staff directory' }],
    });
    expect(issuesOf(() => addStaff(newPerson({ leader: fang.id }), staff(), context)).errors).toEqual([
      { field: 'leader', message: 'is 王芳 <wang.fang@factory.example>, who holds neither leader nor gm' },
    ]);
  });

  it('checks the deputy: shares a role, and holds the roles the person is on duty for', () => {
    const { staff, fang, chao } = company();
    expect(issuesOf(() => addStaff(newPerson({ deputy: chao.id }), staff(), context)).errors).toEqual([
      { field: 'deputy', message: 'is 马超 <ma.chao@factory.example>, who shares no role with this person' },
    ]);
    const input = newPerson({ roles: ['merchandiser', 'planner'], onDuty: ['planner'], deputy: fang.id });
    expect(issuesOf(() => addStaff(input, staff(), context)).errors).toEqual([
      {
        field: 'deputy',
        message: 'is 王芳 <wang.fang@factory.example>, who does not hold planner, which this person is on duty for',
      },
    ]);
  });

  it('is on duty only for a role they hold', () => {
    const { staff } = company();
    expect(issuesOf(() => addStaff(newPerson({ onDuty: ['pmc'] }), staff(), context)).errors).toEqual([
      { field: 'onDuty.0', message: 'is not one of the person’s roles' },
    ]);
  });

  it('hands the duty over: whoever was on duty for the role is taken off it, in the same write', () => {
    const { staff, jie } = company();
    const input = newPerson({ name: '郭强', roles: ['pmc'], department: 'pmc', onDuty: ['pmc'] });
    const { staff: guo, writes } = addStaff(input, staff(), context);
    expect(writes.map((w) => w.staff.id)).toEqual([guo.id, jie.id]);
    const [, handed] = writes;
    expect(handed?.staff).toMatchObject({ id: jie.id, onDuty: [], version: 2 });
    expect(handed?.previous).toBe(jie);
    expect(handed?.event).toMatchObject({
      type: 'StaffChanged',
      data: { changes: [{ field: 'onDuty', before: ['pmc'], after: [] }], cause: 'pmc handed over to 郭强' },
    });
  });
});

describe('changing a person', () => {
  const later = { ...context, now: '2026-12-02T02:00:00.000Z' };

  it('records each changed field, moves the version on, and writes nothing when nothing changes', () => {
    const { staff, fang } = company();
    const { staff: next, writes } = changeStaff(fang, { name: '王芳 Wang Fang', department: 'sales' }, staff(), later);
    expect(next).toMatchObject({ name: '王芳 Wang Fang', version: 2, updatedAt: later.now });
    expect(writes[0]?.event.data).toMatchObject({
      changes: [{ field: 'name', before: '王芳', after: '王芳 Wang Fang' }],
    });
    expect(writes[0]?.previous).toBe(fang);
    expect(changeStaff(fang, { department: 'sales', leader: fang.leader }, staff(), later).writes).toEqual([]);
  });

  it('removes leader, deputy and away with null; removing what is absent is no change', () => {
    const { staff, na } = company();
    const { staff: next, writes } = changeStaff(na, { deputy: null, away: null }, staff(), later);
    expect(next).not.toHaveProperty('deputy');
    expect(next).not.toHaveProperty('away');
    expect(writes[0]?.event.data).toMatchObject({ changes: [{ field: 'deputy', before: na.deputy, after: null }] });
    expect(changeStaff(next, { away: null }, staff(), later).writes).toEqual([]);
  });

  it('refuses a circle of leaders, and the person as their own leader or deputy', () => {
    const { staff, gm, manager } = company();
    expect(issuesOf(() => changeStaff(gm, { leader: manager.id }, staff(), later)).errors).toEqual([
      { field: 'leader', message: 'would make a circle of leaders: 何军 → 徐明 → 何军' },
    ]);
    expect(issuesOf(() => changeStaff(manager, { leader: manager.id, deputy: manager.id }, staff(), later))).toEqual({
      status: 400,
      errors: [
        { field: 'leader', message: 'is the person themself' },
        { field: 'deputy', message: 'is the person themself' },
      ],
    });
  });

  it('deactivates a person who leaves and takes them off duty — once nobody relies on them', () => {
    const c = company();
    expect(issuesOf(() => changeStaff(c.fang, { active: false }, c.staff(), later))).toEqual({
      status: 409,
      errors: [{ field: 'active', message: 'is still the deputy of 李娜: give them another deputy first' }],
    });
    expect(issuesOf(() => changeStaff(c.manager, { active: false }, c.staff(), later)).errors).toEqual([
      { field: 'active', message: 'is still the leader of 王芳, 李娜: give them another leader first' },
    ]);
    expect(issuesOf(() => changeStaff(c.jie, { active: false }, c.staff(), later)).errors).toEqual([
      { field: 'active', message: 'is still the deputy of 马超: give them another deputy first' },
    ]);
    const { staff: onDuty } = changeStaff(c.chao, { onDuty: ['pmc'] }, c.staff(), later);
    const { staff: left, writes } = changeStaff(onDuty, { active: false }, c.staff(), later);
    expect(left).toMatchObject({ active: false, onDuty: [], version: 3 });
    expect(writes[0]?.event.data).toMatchObject({
      changes: [
        { field: 'active', before: true, after: false },
        { field: 'onDuty', before: ['pmc'], after: [] },
      ],
    });
  });

  it('keeps the roles others rely on: a leader stays a leader, a deputy keeps the duty role', () => {
    const { staff, manager, jie, chao } = company();
    expect(issuesOf(() => changeStaff(manager, { roles: ['merchandiser'] }, staff(), later))).toEqual({
      status: 409,
      errors: [{ field: 'roles', message: 'must keep leader or gm: 王芳, 李娜 have this person as their leader' }],
    });
    // 马超 names 陈杰 as deputy; 马超 is not on duty, so 陈杰 need only share a role with him.
    expect(issuesOf(() => changeStaff(jie, { roles: ['planner'], onDuty: [] }, staff(), later)).errors).toEqual([
      { field: 'roles', message: 'shares no role with 马超, whose deputy this person is' },
    ]);
    const { writes } = changeStaff(chao, { onDuty: ['pmc'] }, staff(), later);
    expect(writes.map((w) => [w.staff.name, w.staff.onDuty])).toEqual([
      ['马超', ['pmc']],
      ['陈杰', []],
    ]);
  });

  it('refuses a leader or deputy who has left', () => {
    const c = company();
    const { staff: naLeft } = changeStaff(c.na, { active: false }, c.staff(), later);
    const directory = c.staff().map((p) => (p.id === naLeft.id ? naLeft : p));
    expect(issuesOf(() => changeStaff(c.fang, { deputy: c.na.id }, directory, later)).errors).toEqual([
      { field: 'deputy', message: 'is 李娜 <li.na@factory.example>, who has left' },
    ]);
  });
});

describe('listing the directory', () => {
  it('filters by role, department, active and e-mail (any case), sorted by department and name', () => {
    const { staff } = company();
    expect(selectStaff(staff(), { role: 'pmc' }).map((p) => p.name)).toEqual(['陈杰', '马超']);
    expect(selectStaff(staff(), { department: 'sales' }).map((p) => p.name)).toEqual(['李娜', '王芳', '徐明']);
    expect(selectStaff(staff(), { email: 'XU.MING@factory.example' }).map((p) => p.name)).toEqual(['徐明']);
    expect(selectStaff(staff(), { active: 'false' })).toEqual([]);
    expect(selectStaff(staff(), {}).map((p) => p.department)).toEqual([
      'management',
      'pmc',
      'pmc',
      'sales',
      'sales',
      'sales',
    ]);
  });
});

describe('the demo company', () => {
  const staff = demoDirectory(new Date('2026-12-01T02:00:00.000Z'), newId);
  const byEmail = new Map(staff.map((p) => [p.email, p]));

  it('keeps every rule of the directory', () => {
    expect(directoryIssues(staff)).toEqual([]);
    expect(staff).toHaveLength(demoStaff.length);
  });

  it('resolves each step to the person demoPeople names (the demos and tests read their mailboxes)', () => {
    const directory = staffDirectory(staff);
    const at = new Date('2026-12-01T02:00:00.000Z');
    const email = (resolution: Resolution) => (resolution.ok ? resolution.person.email : resolution.problem);
    expect(email(directory.onDuty('planner', at))).toBe(demoPeople.plannerOnDuty);
    expect(email(directory.onDuty('pmc', at))).toBe(demoPeople.pmcOnDuty);
    expect(email(directory.onDuty('finance', at))).toBe(demoPeople.financeOnDuty);
    expect(email(directory.onDuty('gm', at))).toBe(demoPeople.generalManager);
    expect(email(directory.onDuty('admin', at))).toBe(demoPeople.operations);
    expect(email(directory.leaderOf(demoPeople.pmcOnDuty, at))).toBe(demoPeople.pmcManager);
    expect(email(directory.leaderOf(demoPeople.salesManager, at))).toBe(demoPeople.generalManager);
    const team = directory.accountOwner(demoPeople.merchandiser, at);
    expect([email(team.merchandiser), email(team.salesManager)]).toEqual([
      demoPeople.merchandiser,
      demoPeople.salesManager,
    ]);
    expect(byEmail.get(demoPeople.merchandiser)?.deputy).toBe(byEmail.get(demoPeople.deputyMerchandiser)?.id);
  });

  it('has every staff demo user as a person holding that role', () => {
    for (const user of demoUsers.filter((u) => u.role !== 'customer')) {
      expect(byEmail.get(user.email)?.roles, user.email).toContain(user.role);
    }
    expect(new Set(demoUsers.map((u) => u.role))).toEqual(new Set(roles));
  });

  it('has the demo customers owned by a merchandiser', () => {
    for (const customer of demoCustomers) {
      expect(byEmail.get(customer.accountOwner)?.roles).toContain('merchandiser');
    }
  });
});
