import { join } from 'node:path';
import { replaceFile } from '../../shared/adapters/local/files.ts';
import { demoUsers } from './demo-data.ts';
import type { LocalIdentityProvider } from './tokens.ts';

export type DemoToken = (typeof demoUsers)[number] & { variable: string; token: string };

/** A token for each demo user, named as the README's commands use it: TOKEN_MERCHANDISER, TOKEN_SALES_ADMIN… */
export async function demoTokens(
  idp: LocalIdentityProvider,
  customerIds: Record<string, string | undefined>,
): Promise<DemoToken[]> {
  return await Promise.all(
    demoUsers.map(async (user) => {
      const customerId = user.customerCode ? customerIds[user.customerCode] : undefined;
      return {
        ...user,
        variable: `TOKEN_${user.role.toUpperCase().replaceAll('-', '_')}`,
        token: await idp.issue({ role: user.role, email: user.email, customerId }),
      };
    }),
  );
}

/** Where `npm start` writes them, for `source .local/tokens.env` in another terminal. */
export const tokensFile = (dataDir: string) => join(dataDir, 'tokens.env');

/**
 * A shell file, replaced whole (a second terminal sources it at any moment): where the stack answers (API, PORT —
 * so that commands run there follow the port `npm start` was given) and `export TOKEN_…=…` for each demo user.
 */
export function writeTokensFile(file: string, tokens: DemoToken[], url: string) {
  const lines = tokens.map((t) => `# ${t.role}: ${t.name} <${t.email}>\nexport ${t.variable}=${t.token}`);
  const where = `export API=${url}\nexport PORT=${new URL(url).port}`;
  replaceFile(
    file,
    `# The running stack and its demo tokens (valid 12 h); written by npm start.\n${where}\n${lines.join('\n')}\n`,
  );
}
