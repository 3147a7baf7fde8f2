import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { staffRepository } from '../../shared/persistence/staff.ts';
import { port } from '../../shared/runtime.ts';
import { getStaff } from './routes.ts';

export const handler = httpHandler(getStaff, async ({ params }) =>
  versioned(200, await staffRepository(port('table')).get(params.id)),
);
