import { NotFound } from '../../shared/domain/errors.ts';
import { changeStaff } from '../../shared/domain/staff.ts';
import { assertUnchanged, expectedVersion, httpHandler, versioned } from '../../shared/http/handler.ts';
import { staffRepository } from '../../shared/persistence/staff.ts';
import { port } from '../../shared/runtime.ts';
import { changeStaffRoute } from './routes.ts';

export const handler = httpHandler(changeStaffRoute, async ({ params, body, headers, principal }) => {
  const { version: bodyVersion, ...changes } = body;
  const expected = expectedVersion(headers, bodyVersion);
  const now = port('clock').now();
  return await staffRepository(port('table')).change(now, async ({ staff: directory }) => {
    const current = directory.find((person) => person.id === params.id);
    if (!current) throw new NotFound(`Staff ${params.id} does not exist.`);
    assertUnchanged(current, expected, `Staff ${params.id}`);
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const { staff, writes } = changeStaff(current, changes, directory, context);
    return { writes, result: versioned(200, staff) };
  });
});
