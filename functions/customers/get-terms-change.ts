import { httpHandler, versioned } from '../../shared/http/handler.ts';
import { termsChangeRepository } from '../../shared/persistence/terms-changes.ts';
import { port } from '../../shared/runtime.ts';
import { getTermsChangeRoute } from './routes.ts';

export const handler = httpHandler(getTermsChangeRoute, async ({ params }) =>
  versioned(200, await termsChangeRepository(port('table')).get(params.id, params.changeId)),
);
