import { reportReader } from '../../shared/application/reports.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { port } from '../../shared/runtime.ts';
import { monthlyReportRoute } from './routes.ts';
import { reportScope } from './scope.ts';

/** R41: the monthly report from the kept figures (shared/application/reports.ts). */
export const handler = httpHandler(monthlyReportRoute, async ({ query, principal }) => {
  const scope = await reportScope(principal, query.customer);
  return { status: 200, body: await reportReader(port('table')).monthly(query.month, scope) };
});
