import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { loadDemoStaff } from '../../scripts/offline/demo-data.ts';
import { type OfflineStack, type OfflineStackOptions, startOfflineStack } from '../../scripts/offline/stack.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { port } from '../../shared/runtime.ts';

const root = join(import.meta.dirname, '../..');

type TestStackOptions = Partial<OfflineStackOptions> & {
  /** The demo company's staff directory (default), whom approvals are resolved to; or none at all. */
  directory?: 'demo' | 'empty';
};

/**
 * The whole offline stack on the shared DynamoDB Local, with a table and a mailbox of its own, and the demo company's
 * staff directory (demoPeople says who decides what); `stop` ends both.
 */
export async function ownStack({ directory = 'demo', ...options }: TestStackOptions = {}) {
  const mailDir = mkdtempSync(join(tmpdir(), 'mail-'));
  const stack = await startOfflineStack({
    root,
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
    tableName: `test-${crypto.randomUUID()}`,
    mailDir,
    ...options,
  });
  if (directory === 'demo') await loadDemoStaff({ table: port('table'), clock: port('clock'), ids: port('ids') });
  const stop = async () => {
    await stack.stop();
    rmSync(mailDir, { recursive: true, force: true });
  };
  return { ...stack, stop };
}

/** A stack for this test file, stopped after its last test. */
export async function testStack(options: TestStackOptions = {}): Promise<OfflineStack & { call: Caller }> {
  const stack = await ownStack(options);
  afterAll(stack.stop);
  return { ...stack, call: caller(stack) };
}

export type Caller = (
  method: string,
  path: string,
  options?: {
    as?: { role: Role | Role[]; email?: string; customerId?: string } | string;
    body?: unknown;
    headers?: Record<string, string>;
  },
) => Promise<{ status: number; body: any; headers: Headers }>;

function caller(stack: OfflineStack): Caller {
  return async (method, path, { as, body, headers = {} } = {}) => {
    const token =
      typeof as === 'string'
        ? as
        : as && (await stack.idp.issue({ email: `${[as.role].flat()[0]}@example.com`, ...as }));
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed, headers: response.headers };
  };
}
