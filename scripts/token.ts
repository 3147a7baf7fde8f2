/** `npm run token -- --role <role> --email <address> [--customer <id>] [--expires 12h]`: a JWT the offline gateway accepts. */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Role, roles } from '../shared/domain/roles.ts';
import { answerHelp } from './help.ts';
import { offlineDataDir } from './offline/data-dir.ts';
import { localIdentityProvider } from './offline/tokens.ts';

answerHelp(`
npm run token -- --role <role> [--role <role>…] --email <address> [--customer <customer id>] [--expires 12h]
Prints a JWT the offline gateway accepts (signed with the key in .local/keys, or OFFLINE_DATA_DIR).
Roles: ${roles.join(', ')}. \`npm start\` writes one for each demo user to .local/tokens.env.
`);

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    email: { type: 'string' },
    customer: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

const chosen = values.role ?? [];
const unknown = chosen.filter((role) => !(roles as readonly string[]).includes(role));
if (!chosen.length || !values.email || unknown.length) {
  console.error(
    `usage: npm run token -- --role <role> [--role <role>…] --email <address> [--customer <customer id>] [--expires 12h]\nroles: ${roles.join(', ')}${unknown.length ? `\nunknown role: ${unknown.join(', ')}` : ''}`,
  );
  process.exit(2);
}
if (chosen.includes('customer') && !values.customer) {
  console.error('a customer token needs --customer <customer id> (see GET /customers)');
  process.exit(2);
}

const idp = await localIdentityProvider(
  join(offlineDataDir(resolve(import.meta.dirname, '..')), 'keys', 'signing-key.json'),
);
console.log(
  await idp.issue({
    role: chosen as Role[],
    email: values.email,
    customerId: values.customer,
    expiresIn: values.expires,
  }),
);
