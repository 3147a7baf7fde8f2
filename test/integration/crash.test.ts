import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { tokensFile } from '../../scripts/offline/demo-tokens.ts';
import { freePort, startDynamoDbLocal } from '../../scripts/offline/dynamodb.ts';

const root = join(import.meta.dirname, '../..');

/** `npm start` as a child process in a process group of its own (DynamoDB Local's Java included), on `dataDir`. */
async function startStack(dataDir: string, port: number) {
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), OFFLINE_DATA_DIR: dataDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code, signal) => fail(new Error(`npm start exited (${code ?? signal}):\n${output}`))),
  );
  exited.catch(() => {});
  // Ready once it says so; the demo tokens are in the file it wrote (the one `source` loads).
  for (;;) {
    if (output.includes('is running offline')) {
      const token = /export TOKEN_CUSTOMER=(\S+)/.exec(readFileSync(tokensFile(dataDir), 'utf8'))?.[1];
      if (!token) throw new Error(`no customer token in ${tokensFile(dataDir)}`);
      return { child, token, output: () => output };
    }
    await Promise.race([delay(100), exited]);
  }
}

/** The whole stack dies at once, as in a power cut: SIGKILL to its process group. */
async function killStack(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  process.kill(-(child.pid as number), signal);
  await exited;
}

type Execution = { executionArn: string; name: string; status: string; currentStates: string[] };
type Mail = { template: string; subject: string; links: string[] };

describe('a crash of the whole offline stack (SIGKILL) during a burst of orders', () => {
  it('loses no work: after a restart no execution has failed, and every one waiting for a person has asked them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    const port = await freePort();
    const started = Date.now();
    const at = (what: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
    const api = `http://127.0.0.1:${port}`;
    let stack = await startStack(dataDir, port);
    try {
      const total = 30;
      const order = (i: number) => ({
        poNumber: `CRASH-${i}`,
        channel: 'platform',
        requestedDate: '2027-03-01',
        lines: [{ productCode: 'CHJ01B-800', description: 'Euro-groove aluminium connecting rod', quantity: 100 + i }],
      });
      const place = async (i: number): Promise<{ id: string; number: string }> => {
        const response = await fetch(`${api}/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${stack.token}`,
            'content-type': 'application/json',
            'idempotency-key': `crash-order-${i}`,
          },
          body: JSON.stringify(order(i)),
        });
        const body = (await response.json()) as { id: string; number: string; detail?: string };
        // Orders of one customer placed at the same moment may race for its numbers too long: 409, "please retry".
        if (response.status === 409 && /please retry/.test(body.detail ?? '')) return await place(i);
        expect(response.status, JSON.stringify(body)).toBe(201);
        return body;
      };
      /** Places the orders five at a time, as a customer's purchasing system with a small connection pool would. */
      const placeAll = (each: (i: number) => Promise<void>) =>
        Promise.allSettled(
          Array.from({ length: 5 }, async (_, lane) => {
            for (let i = lane; i < total; i += 5) await each(i);
          }),
        );

      // A burst, five orders at a time; the stack is killed once a third of them have been answered.
      const placed: number[] = [];
      const killed = Promise.withResolvers<void>();
      const burst = placeAll(async (i) => {
        await place(i);
        placed.push(i);
        if (placed.length === total / 3) killed.resolve();
      });
      at('stack started');
      await killed.promise;
      await killStack(stack.child, 'SIGKILL');
      await burst;

      // What the kill interrupted, as the stack left it on disk.
      const store = JSON.parse(readFileSync(join(dataDir, 'workflows.json'), 'utf8'));
      const running = store.executions.filter((e: { status: string }) => e.status === 'RUNNING');
      const busJournal = join(dataDir, 'bus.json');
      const interrupted = {
        ordersAnswered: placed.length,
        executionsRunning: running.length,
        inALambdaStep: running.filter(
          (e: { executionArn: string }) =>
            !store.waitingTasks.some((t: { executionArn: string }) => t.executionArn === e.executionArn),
        ).length,
        requestsNotReturned: store.waitingTasks.filter((t: { invoked?: boolean }) => t.invoked === false).length,
        busDeliveriesPending: existsSync(busJournal) ? JSON.parse(readFileSync(busJournal, 'utf8')).length : 0,
      };
      console.log('interrupted by the SIGKILL:', JSON.stringify(interrupted));

      at('killed');
      stack = await startStack(dataDir, port);
      at('restarted');
      // The client retries what it got no answer for, with the same Idempotency-Key; the rest replay.
      const orders: { id: string; number: string }[] = [];
      const retried = await placeAll(async (i) => {
        orders[i] = await place(i);
      });
      expect(retried.filter((lane) => lane.status === 'rejected')).toEqual([]);

      const executionOf = (id: string, executions: Execution[]) =>
        executions.find((e) => e.name === `order-intake-${id}`);
      const asked = (number: string, mails: Mail[]) =>
        mails.filter((m) => m.template === 'approval-request' && m.subject.includes(number));
      let executions: Execution[] = [];
      let mails: Mail[] = [];
      for (let deadline = Date.now() + 60_000; Date.now() < deadline; await delay(250)) {
        executions = (await (await fetch(`${api}/_local/executions`)).json()) as Execution[];
        mails = (await (await fetch(`${api}/_local/mail.json`)).json()) as Mail[];
        const settled = orders.every(({ id, number }) => {
          const execution = executionOf(id, executions);
          return execution?.currentStates.join() === 'MerchandiserReview' && asked(number, mails).length > 0;
        });
        // A failed execution stays failed: no need to wait any longer to know.
        if (settled || executions.some((e) => e.status === 'FAILED')) break;
      }

      at('settled');
      expect(executions.filter((e) => e.status === 'FAILED')).toEqual([]);
      for (const { id, number } of orders) {
        expect(executionOf(id, executions)).toMatchObject({ status: 'RUNNING', currentStates: ['MerchandiserReview'] });
        // The request was sent, and its newest link works: the approval waits for the merchandiser's decision.
        const [newest] = asked(number, mails);
        const link = newest?.links.find((l) => l.includes('/approval-links/')) ?? '';
        expect(link, `no approval e-mail for ${number}`).not.toBe('');
        expect((await fetch(`${api}${new URL(link).pathname}`)).status).toBe(200);
      }
      const requests = orders.map(({ number }) => asked(number, mails).length);
      console.log(
        `after the restart: ${orders.length} intakes waiting in MerchandiserReview, ${requests.filter((n) => n > 1).length} asked twice`,
      );
    } finally {
      await killStack(stack.child, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Two starts of npm start (DynamoDB Local's Java each) dominate: ~25 s on an idle machine, far more on a busy one.
  }, 240_000);
});

describe('a stack killed on its own, without its DynamoDB Local', () => {
  it('stops the DynamoDB Local that a stack killed on its own left running on the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leftover-'));
    try {
      // The stack's node process died; its DynamoDB Local did not (it is nobody's to stop now).
      await startDynamoDbLocal({ dataDir });
      const leftover = Number(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8'));
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      expect(alive(leftover)).toBe(true);
      const next = await startDynamoDbLocal({ dataDir });
      expect(alive(leftover)).toBe(false);
      expect(Number(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8'))).not.toBe(leftover);
      await next.stop();
      expect(existsSync(join(dataDir, 'dynamodb-local.pid'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
