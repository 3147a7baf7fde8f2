import { reportReader } from '../../shared/application/reports.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { port } from '../../shared/runtime.ts';
import { kpiReportRoute } from './routes.ts';
import { reportScope } from './scope.ts';

/** R43: a month's KPIs, in total and per customer (docs/kpis.md); a customer's user its own only. */
export const handler = httpHandler(kpiReportRoute, async ({ query, principal }) => {
  const { customer } = await reportScope(principal, query.customer);
  return { status: 200, body: await reportReader(port('table')).kpis(query.month, customer) };
});
