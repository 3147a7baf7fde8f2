/**
 * `npm start`: the whole system offline — DynamoDB Local (data kept in .local/), the HTTP gateway, stream → bus →
 * workers, the mailbox and the scheduler — with demo data on first start and ready-made tokens.
 */
import { join, relative, resolve } from 'node:path';
import { port as portOf } from '../shared/runtime.ts';
import { offlineDataDir } from './offline/data-dir.ts';
import { demoUsers, loadDemoData } from './offline/demo-data.ts';
import { startOfflineStack } from './offline/stack.ts';

const root = resolve(import.meta.dirname, '..');
const dataDir = offlineDataDir(root);
const started = Date.now();

const stack = await startOfflineStack({
  root,
  dataDir,
  mailDir: join(dataDir, 'mailbox'),
  port: Number(process.env.PORT ?? 3000),
  log: (line) => console.log(`[offline] ${line}`),
});
const { added, customerIds } = await loadDemoData({
  table: portOf('table'),
  clock: portOf('clock'),
  ids: portOf('ids'),
});

const tokens = await Promise.all(
  demoUsers.map(async (user) => {
    const customerId = user.customerCode ? customerIds[user.customerCode] : undefined;
    return { ...user, token: await stack.idp.issue({ role: user.role, email: user.email, customerId }) };
  }),
);

console.log(`
Order follow-up is running offline (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; data in ${dataDir.startsWith(root) ? relative(root, dataDir) : dataDir}/).
${added ? `Demo data loaded: ${added} new item(s).` : 'Demo data already present.'}

  API            ${stack.url}
  Health         ${stack.url}/health
  OpenAPI        ${stack.url}/openapi.json
  Mailbox        ${stack.url}/_local/mail   (JSON: /_local/mail.json)
  DynamoDB Local ${stack.endpoint}   table ${stack.tableName}

Tokens (valid 12 h; more with: npm run token -- --role <role> --email <address> [--customer <id>]):
${tokens.map((t) => `  ${t.role.padEnd(13)}${t.email.padEnd(28)}${t.customerCode ? ` customer ${t.customerCode}` : ''}\n    export TOKEN_${t.role.toUpperCase().replace('-', '_')}=${t.token}`).join('\n')}

Try:  curl -s ${stack.url}/customers -H "authorization: Bearer $TOKEN_MERCHANDISER"
Stop with Ctrl-C.
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
