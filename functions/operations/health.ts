import { httpHandler } from '../../shared/http/handler.ts';
import { healthRoute } from './routes.ts';

/** GET /health: the API answers. It reads nothing, so a monitor's probe costs no table read and needs no grant. */
export const handler = httpHandler(healthRoute, async () => ({ status: 200, body: { status: 'ok' } }));
