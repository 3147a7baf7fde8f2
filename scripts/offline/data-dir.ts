import { join } from 'node:path';

/**
 * Where `npm start` keeps its data (DynamoDB Local, the signing key, stream checkpoints, the event bus journal,
 * workflows, mail): `.local/` at the repository root, or `OFFLINE_DATA_DIR`. The commands that talk to the running
 * stack (token, demos) read the same place.
 */
export const offlineDataDir = (root: string) => process.env.OFFLINE_DATA_DIR ?? join(root, '.local');
