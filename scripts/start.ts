/**
 * `npm start`: the whole system offline — DynamoDB Local (data kept in .local/), the HTTP gateway, stream → bus →
 * workers, the mailbox and the scheduler — with demo data on first start and ready-made tokens.
 */
import { join, relative, resolve } from 'node:path';
import { port as portOf } from '../shared/runtime.ts';
import { answerHelp } from './help.ts';
import { offlineDataDir } from './offline/data-dir.ts';
import { loadDemoData } from './offline/demo-data.ts';
import { demoTokens, tokensFile, writeTokensFile } from './offline/demo-tokens.ts';
import { startOfflineStack } from './offline/stack.ts';

answerHelp(`
npm start — the whole system offline, with demo data, until Ctrl-C.

Environment:
  PORT=3000               the port of the API (127.0.0.1)
  OFFLINE_DATA_DIR=.local where the data, the mailbox and the demo tokens are kept (npm run reset empties it)

It prints the URLs, and writes a token for each demo user to <data dir>/tokens.env: in another terminal,
  source .local/tokens.env
sets API, PORT and TOKEN_MERCHANDISER, TOKEN_ADMIN, … for the README's commands and the demos.
`);

const root = resolve(import.meta.dirname, '..');
const dataDir = offlineDataDir(root);
const shown = dataDir.startsWith(root) ? relative(root, dataDir) : dataDir;
const started = Date.now();
const progress = (step: string) => console.log(`… ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const stack = await startOfflineStack({
  root,
  dataDir,
  mailDir: join(dataDir, 'mailbox'),
  port: Number(process.env.PORT ?? 3000),
  log: (line) => console.log(`[offline] ${line}`),
  progress,
});
progress('loading the demo data (customers, products, the staff directory)');
const { added, customerIds } = await loadDemoData({
  table: portOf('table'),
  clock: portOf('clock'),
  ids: portOf('ids'),
});

const tokens = await demoTokens(stack.idp, customerIds);
writeTokensFile(tokensFile(dataDir), tokens, stack.url);

console.log(`
Order follow-up is running offline (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; data in ${shown}/).
${added ? `Demo data loaded: ${added} new item(s).` : 'Demo data already present.'}

  API            ${stack.url}
  Health         ${stack.url}/health
  OpenAPI        ${stack.url}/openapi.json
  Mailbox        ${stack.url}/_local/mail   (JSON: /_local/mail.json)
  DynamoDB Local ${stack.endpoint}   table ${stack.tableName}

In another terminal, one command sets API=${stack.url}, PORT and a token for each demo user (valid 12 h):

  source ${join(shown, 'tokens.env')}

${tokens.map((t) => `  ${t.variable.padEnd(20)} ${t.role.padEnd(13)}${t.email}${t.customerCode ? ` (customer ${t.customerCode})` : ''}`).join('\n')}

More with: npm run token -- --role <role> --email <address> [--customer <id>]
Try:  curl -s "$API/customers" -H "authorization: Bearer $TOKEN_MERCHANDISER"
Stop with Ctrl-C; start afresh with npm run reset.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  });
}
