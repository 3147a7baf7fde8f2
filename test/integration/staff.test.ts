import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoPeople, demoStaff, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { addStaff } from '../../shared/domain/staff.ts';
import { DirectoryMoved, staffRepository } from '../../shared/persistence/staff.ts';
import { port } from '../../shared/runtime.ts';
import { NewStaff, type Staff } from '../../shared/schemas/staff.ts';
import { testStack } from './stack.ts';

const admin = { role: 'admin' as const, email: 'feng.tao@factory.example' };
const gm = { role: 'gm' as const, email: 'he.jun@factory.example' };

let counter = 0;
/** A valid new person in a department of the test's own; tests vary one thing at a time. */
const newPerson = (overrides: Record<string, unknown> = {}) => ({
  name: '测试员 Tester',
  email: `tester${++counter}@factory.example`,
  language: 'zh-CN',
  roles: ['qa'],
  department: 'test-lab',
  ...overrides,
});

describe('the staff directory through the HTTP gateway', async () => {
  const stack = await testStack({ directory: 'empty' });
  const { call } = stack;
  const ports = { table: port('table'), clock: port('clock'), ids: port('ids') };
  const { added } = await loadDemoData(ports);

  const list = async (query = '') => (await call('GET', `/staff${query}`, { as: { role: 'warehouse' } })).body;
  const byEmail = async (email: string) => (await list(`?email=${email}`)).items[0] as Staff;
  const add = async (body: Record<string, unknown>) => {
    const created = await call('POST', '/staff', { as: admin, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as Staff;
  };

  it('holds the demo company, with its people on duty, loaded once', async () => {
    expect(added).toBeGreaterThanOrEqual(demoStaff.length);
    expect((await loadDemoData(ports)).added).toBe(0);
    const { items } = await list();
    expect(items).toHaveLength(demoStaff.length);
    const onDuty = await list('?role=pmc');
    expect(onDuty.items.filter((p: Staff) => p.onDuty.includes('pmc')).map((p: Staff) => p.email)).toEqual([
      demoPeople.pmcOnDuty,
    ]);
    const becker = await byEmail('thomas.becker@factory.example');
    const xu = await byEmail('xu.ming@factory.example');
    expect(becker).toMatchObject({ language: 'en', deputy: xu.id, away: { note: expect.any(String) } });
    expect((await list('?department=finance')).items.map((p: Staff) => p.name)).toEqual([
      '钱华 Qian Hua',
      '郑丽 Zheng Li',
      '周敏 Zhou Min',
    ]);
  });

  it('adds a person (201, ETag, Location) whom every staff role may read, customers not', async () => {
    const xu = await byEmail('xu.ming@factory.example');
    const created = await call('POST', '/staff', {
      as: admin,
      body: newPerson({ name: '高洁 Gao Jie', email: 'Gao.Jie@Factory.Example', leader: xu.id }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '高洁 Gao Jie',
      email: 'gao.jie@factory.example',
      active: true,
      onDuty: [],
      version: 1,
      leader: xu.id,
      createdBy: admin.email,
    });
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/staff/${created.body.id}`);
    const read = await call('GET', `/staff/${created.body.id}`, { as: { role: 'merchandiser' } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(
      (await call('GET', `/staff/${created.body.id}`, { as: { role: 'customer', customerId: 'cus_1' } })).status,
    ).toBe(403);
    expect((await call('GET', '/staff', { as: { role: 'customer', customerId: 'cus_1' } })).status).toBe(403);
    expect((await call('GET', '/staff/stf_01J00000000000000000000000', { as: { role: 'qa' } })).status).toBe(404);
    expect((await call('GET', '/staff/wang.fang', { as: { role: 'qa' } })).status).toBe(400);
  });

  it('lets only the administrator and the general manager keep the directory', async () => {
    expect((await call('POST', '/staff', { as: gm, body: newPerson() })).status).toBe(201);
    for (const role of ['merchandiser', 'leader', 'planner'] as const) {
      expect((await call('POST', '/staff', { as: { role }, body: newPerson() })).status).toBe(403);
    }
    const person = await add(newPerson());
    const patch = await call('PATCH', `/staff/${person.id}`, {
      as: { role: 'pmc' },
      body: { name: 'x' },
      headers: { 'if-match': '"1"' },
    });
    expect(patch.status).toBe(403);
    expect((await call('POST', '/staff', { body: newPerson() })).status).toBe(401);
  });

  it('answers bad input with 400 naming each field, and stores nothing', async () => {
    const before = (await list()).items.length;
    const bad = await call('POST', '/staff', {
      as: admin,
      body: { ...newPerson(), email: 'not-mail', roles: ['customer'], language: 'fr', away: { from: 'x' }, extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['email', 'roles.0', 'language', 'away.from', 'away.to', 'extra']),
    );
    const unknownLeader = await call('POST', '/staff', {
      as: admin,
      body: newPerson({ leader: 'stf_01J99999999999999999999999' }),
    });
    expect(unknownLeader.status).toBe(400);
    expect(unknownLeader.body.errors).toEqual([{ field: 'leader', message: 'is not a person in the staff directory' }]);
    const badFilter = await call('GET', '/staff?role=customer&colour=red', { as: admin });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.colour', 'query.role']);
    expect((await list()).items.length).toBe(before);
  });

  it('keeps e-mails unique in any case, even when many add the same person at once (409)', async () => {
    const again = await call('POST', '/staff', { as: admin, body: newPerson({ email: 'WANG.FANG@factory.example' }) });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'email', message: 'is already the e-mail of 王芳 Wang Fang' }]);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call('POST', '/staff', { as: admin, body: newPerson({ name: `Racer ${i}`, email: 'racer@factory.example' }) }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect((await list('?email=racer@factory.example')).items).toHaveLength(1);
  });

  it('replays a retried addition with the same Idempotency-Key instead of adding twice', async () => {
    const headers = { 'idempotency-key': 'add-staff-attempt-1' };
    const body = newPerson({ email: 'retry@factory.example' });
    const [first, second] = await Promise.all([
      call('POST', '/staff', { as: admin, body, headers }),
      call('POST', '/staff', { as: admin, body, headers }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    const third = await call('POST', '/staff', { as: admin, body, headers });
    expect(third.body).toEqual(first.body);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect((await call('POST', '/staff', { as: admin, body: newPerson(), headers })).status).toBe(422);
    expect((await list('?email=retry@factory.example')).items).toHaveLength(1);
  });

  it('changes a person on the version read: 428 without it, 409 when stale, nothing lost', async () => {
    const person = await add(newPerson());
    const path = `/staff/${person.id}`;
    expect((await call('PATCH', path, { as: admin, body: { name: 'No version' } })).status).toBe(428);
    const first = await call('PATCH', path, {
      as: admin,
      body: { name: '第一 First' },
      headers: { 'if-match': '"1"' },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: '第一 First', version: 2, updatedBy: admin.email });
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await call('PATCH', path, { as: admin, body: { department: 'other-lab', version: 1 } });
    expect(stale.status).toBe(409);
    expect((await call('GET', path, { as: admin })).body).toMatchObject({ name: '第一 First', department: 'test-lab' });
    const same = await call('PATCH', path, { as: admin, body: { name: '第一 First', version: 2 } });
    expect(same.body.version).toBe(2);
    expect((await call('PATCH', path, { as: admin, body: { id: 'stf_x', version: 2 } })).status).toBe(400);
    expect(
      (await call('PATCH', `/staff/stf_01J00000000000000000000000`, { as: admin, body: { name: 'x', version: 1 } }))
        .status,
    ).toBe(404);
  });

  it('hands a duty over: putting one person on duty takes it off the other, in one write', async () => {
    const a = await add(newPerson({ roles: ['qa'], department: 'duty-lab', onDuty: ['qa'] }));
    const wu = await byEmail('wu.qiang@factory.example');
    expect(wu.onDuty).toEqual([]);
    expect(wu.version).toBe(2);
    const b = await add(newPerson({ roles: ['qa'], department: 'duty-lab', deputy: a.id }));
    const handed = await call('PATCH', `/staff/${b.id}`, { as: admin, body: { onDuty: ['qa'], version: 1 } });
    expect(handed.status).toBe(200);
    const onDuty = (await list('?role=qa')).items.filter((p: Staff) => p.onDuty.includes('qa'));
    expect(onDuty.map((p: Staff) => p.id)).toEqual([b.id]);
    expect((await call('GET', `/staff/${a.id}`, { as: admin })).body).toMatchObject({ onDuty: [], version: 2 });
  });

  it('deactivates a person who leaves — once nobody names them as deputy — and keeps them listed', async () => {
    const a = await add(newPerson({ roles: ['planner'], department: 'leave-lab' }));
    const b = await add(newPerson({ roles: ['planner'], department: 'leave-lab', deputy: a.id }));
    const refused = await call('PATCH', `/staff/${a.id}`, { as: admin, body: { active: false, version: 1 } });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([
      { field: 'active', message: `is still the deputy of ${b.name}: give them another deputy first` },
    ]);
    expect((await call('PATCH', `/staff/${b.id}`, { as: admin, body: { deputy: null, version: 1 } })).status).toBe(200);
    const left = await call('PATCH', `/staff/${a.id}`, { as: admin, body: { active: false, version: 1 } });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ active: false, version: 2 });
    expect((await list('?department=leave-lab&active=false')).items.map((p: Staff) => p.id)).toEqual([a.id]);
    const asDeputy = await call('PATCH', `/staff/${b.id}`, { as: admin, body: { deputy: a.id, version: 2 } });
    expect(asDeputy.status).toBe(400);
    expect(asDeputy.body.errors[0]).toMatchObject({ field: 'deputy' });
  });

  it('moves the e-mail guard when an e-mail changes: the old address is free, the new one taken', async () => {
    const person = await add(newPerson({ email: 'old.address@factory.example' }));
    const moved = await call('PATCH', `/staff/${person.id}`, {
      as: admin,
      body: { email: 'New.Address@factory.example', version: 1 },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.email).toBe('new.address@factory.example');
    expect(
      (await call('POST', '/staff', { as: admin, body: newPerson({ email: 'old.address@factory.example' }) })).status,
    ).toBe(201);
    expect(
      (await call('POST', '/staff', { as: admin, body: newPerson({ email: 'new.address@factory.example' }) })).status,
    ).toBe(409);
  });

  it('never lets two concurrent changes make a circle of leaders', async () => {
    const a = await add(newPerson({ roles: ['leader'], department: 'circle-lab' }));
    const b = await add(newPerson({ roles: ['leader'], department: 'circle-lab' }));
    const [ab, ba] = await Promise.all([
      call('PATCH', `/staff/${a.id}`, { as: admin, body: { leader: b.id, version: 1 } }),
      call('PATCH', `/staff/${b.id}`, { as: admin, body: { leader: a.id, version: 1 } }),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([200, 400]);
    const loser = ab.status === 400 ? ab : ba;
    expect(loser.body.errors[0].message).toMatch(/^would make a circle of leaders/);
  });

  it('writes StaffAdded and StaffChanged to the outbox with the change', async () => {
    const person = await add(newPerson({ email: 'events@factory.example' }));
    await call('PATCH', `/staff/${person.id}`, { as: admin, body: { language: 'en', version: 1 } });
    const { Items = [] } = await port('table').client.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'entity = :e AND #event.subject.id = :id',
        ExpressionAttributeNames: { '#event': 'event' },
        ExpressionAttributeValues: { ':e': 'event', ':id': person.id },
      }),
    );
    const events = Items.map((item) => item.event).sort((x, y) => (x.occurredAt < y.occurredAt ? -1 : 1));
    expect(events.map((e) => e.type).sort()).toEqual(['StaffAdded', 'StaffChanged']);
    expect(events.find((e) => e.type === 'StaffChanged').data.changes).toEqual([
      { field: 'language', before: 'zh-CN', after: 'en' },
    ]);
  });

  it('decides a change again when the directory moved between its read and its write', async () => {
    const repository = staffRepository(port('table'));
    const context = { now: new Date().toISOString(), actor: 'test', newId: port('ids').next };
    const read = await repository.directory();
    const first = addStaff(NewStaff.parse(newPerson()), read.staff, context);
    await repository.save(first.writes, read.revision, new Date());
    const stale = addStaff(NewStaff.parse(newPerson()), read.staff, context);
    await expect(repository.save(stale.writes, read.revision, new Date())).rejects.toThrow(DirectoryMoved);
    let decisions = 0;
    const added = await repository.change(new Date(), async ({ staff, revision }) => {
      if (++decisions === 1) {
        // Someone else adds a person meanwhile: this decision was made on a directory that is no longer current.
        await repository.save(addStaff(NewStaff.parse(newPerson()), staff, context).writes, revision, new Date());
      }
      const { staff: person, writes } = addStaff(
        NewStaff.parse(newPerson({ email: 'second.try@factory.example' })),
        staff,
        context,
      );
      return { writes, result: person };
    });
    expect(decisions).toBe(2);
    expect((await byEmail('second.try@factory.example')).id).toBe(added.id);
  });
});
