import { customerRoutes } from './customers/routes.ts';

/** Every HTTP route of the API: read by infra/ (API Gateway, one function each), the offline gateway and OpenAPI. */
export const routes = [...customerRoutes];
