import { approvalRoutes } from './approvals/routes.ts';
import { complaintRoutes } from './complaints/routes.ts';
import { customerRoutes } from './customers/routes.ts';
import { operationRoutes } from './operations/routes.ts';
import { cancellationRoutes } from './order-cancellations/routes.ts';
import { orderChangeRoutes } from './order-changes/routes.ts';
import { orderRoutes } from './orders/routes.ts';
import { paymentRoutes } from './payments/routes.ts';
import { productionRoutes } from './production/routes.ts';
import { productRoutes } from './products/routes.ts';
import { quotationRoutes } from './quotations/routes.ts';
import { receivableRoutes } from './receivables/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { returnRoutes } from './returns/routes.ts';
import { shippingRoutes } from './shipping/routes.ts';
import { staffRoutes } from './staff/routes.ts';
import { statementRoutes } from './statements/routes.ts';
import { surveyRoutes } from './surveys/routes.ts';

/** Every HTTP route of the API: read by infra/ (API Gateway, one function each), the offline gateway and OpenAPI. */
export const routes = [
  ...customerRoutes,
  ...productRoutes,
  ...orderRoutes,
  ...orderChangeRoutes,
  ...cancellationRoutes,
  ...paymentRoutes,
  ...receivableRoutes,
  ...reportRoutes,
  ...productionRoutes,
  ...shippingRoutes,
  ...complaintRoutes,
  ...returnRoutes,
  ...statementRoutes,
  ...quotationRoutes,
  ...surveyRoutes,
  ...approvalRoutes,
  ...staffRoutes,
  ...operationRoutes,
];
