import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { adjustmentRepository } from '../../shared/persistence/adjustments.ts';
import { port } from '../../shared/runtime.ts';
import { getAdjustmentRoute } from './routes.ts';

export const handler = httpHandler(getAdjustmentRoute, async ({ params }) =>
  versioned(200, await adjustmentRepository(port('table')).get(params.id, params.adjustmentId)),
);
