import { selectStaff } from '../../shared/domain/staff.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { staffRepository } from '../../shared/persistence/staff.ts';
import { port } from '../../shared/runtime.ts';
import { listStaff } from './routes.ts';

/** The whole directory in one answer (a company's few hundred people), narrowed by the filters. */
export const handler = httpHandler(listStaff, async ({ query }) => {
  const { staff } = await staffRepository(port('table')).directory();
  return { status: 200, body: { items: selectStaff(staff, query) } };
});
