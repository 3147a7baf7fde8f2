import { addStaff } from '../../shared/domain/staff.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { staffRepository } from '../../shared/persistence/staff.ts';
import { earlierAttempt } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { addStaffRoute } from './routes.ts';

export const handler = httpHandler(addStaffRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  const now = port('clock').now();
  return await staffRepository(table).change(now, async ({ staff: directory }) => {
    // A retry of an addition that was done gets the first response (the e-mail is taken now, by that very person).
    // Looked up after the directory's read: a person visible in it has their idempotency record visible too.
    const earlier = await earlierAttempt(table, idempotency({ status: 201 }), now);
    if (earlier) throw earlier;
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    const { staff, writes } = addStaff(body, directory, context);
    const response = versioned(201, staff, { location: `/staff/${staff.id}` });
    return { writes, idempotency: idempotency(response), result: response };
  });
});
