/** `npm run reset`: deletes the offline stack's data (.local/ or OFFLINE_DATA_DIR), so that the next start is a first one. */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { answerHelp } from './help.ts';
import { offlineDataDir } from './offline/data-dir.ts';

answerHelp(`
npm run reset — deletes the offline data (.local/, or OFFLINE_DATA_DIR): DynamoDB Local's data, the mailbox, the
workflows, the signing key and the demo tokens. The next npm start begins afresh with the demo data. Stop npm start
first; a stack still answering on PORT (3000 by default) is not reset under its feet.
`);

const dataDir = offlineDataDir(resolve(import.meta.dirname, '..'));
const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const running = await fetch(`${api}/health`, { signal: AbortSignal.timeout(1000) }).then(
  (response) => response.ok,
  () => false,
);
if (running) {
  console.error(`npm start is still running at ${api}: stop it (Ctrl-C) first, then npm run reset.`);
  process.exit(1);
}
if (!existsSync(dataDir)) {
  console.log(`nothing to reset: ${dataDir} does not exist`);
} else {
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`deleted ${dataDir}: the next npm start begins afresh`);
}
