import { reportReader } from '../../shared/application/reports.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { port } from '../../shared/runtime.ts';
import { dailyReportRoute } from './routes.ts';
import { reportScope } from './scope.ts';

/** R41: the daily report from the kept figures (shared/application/reports.ts). */
export const handler = httpHandler(dailyReportRoute, async ({ query, principal }) => {
  const scope = await reportScope(principal, query.customer);
  return { status: 200, body: await reportReader(port('table')).daily(query.date, scope) };
});
