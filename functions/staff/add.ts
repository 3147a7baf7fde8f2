import { sent } from '../../shared/application/reads.ts';
import { addStaff } from '../../shared/domain/staff.ts';
import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { staffRepository } from '../../shared/persistence/staff.ts';
import { earlierAttempt } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { addStaffRoute } from './routes.ts';

export const handler = httpHandler(addStaffRoute, async ({ body, principal, idempotency }) => {
  const table = port('table');
  const now = port('clock').now();
  const asked = idempotency({ status: 201 });
  // A retry of an addition that was done gets the first response (the e-mail is taken now, by that very person).
  // Read with the directory (one round before the write).
  const earlierRead = sent(earlierAttempt(table, asked, now));
  return await staffRepository(table).change(now, async ({ staff: directory }) => {
    const earlier = await earlierRead;
    if (earlier) throw earlier;
    const context = { now: now.toISOString(), actor: principal.email, newId: port('ids').next };
    let added: ReturnType<typeof addStaff>;
    try {
      added = addStaff(body, directory, context);
    } catch (error) {
      // A retry racing its first attempt may find that person in the directory without the record read beside it:
      // a refusal looks for the record again, so that a retry still gets the first response.
      throw (await earlierAttempt(table, asked, now)) ?? error;
    }
    const { staff, writes } = added;
    const response = versioned(201, staff, { location: `/staff/${staff.id}` });
    return { writes, idempotency: idempotency(response), result: response };
  });
});
