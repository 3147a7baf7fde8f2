import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type LocalWorkflowEngine,
  type LocalWorkflowOptions,
  localWorkflowEngine,
} from '../../scripts/offline/workflows/engine.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const functionArn = (name: string) => `arn:aws:lambda:local:000000000000:function:${name}`;
const substitutions = {
  ComputeFunction: functionArn('compute'),
  EchoFunction: functionArn('echo'),
  CheckFunction: functionArn('check'),
  RequestApprovalFunction: functionArn('request-approval'),
  RemindFunction: functionArn('remind'),
  EscalateFunction: functionArn('escalate'),
  WorkFunction: functionArn('work'),
  NotifyFunction: functionArn('notify'),
  SlowFunction: functionArn('slow'),
};
const tokenShape = /^[\w-]{43}\.[\w-]{43}$/;

/** Stand-ins for the real handlers, by function name; every invocation is recorded. */
function functions(handlers: Record<string, (payload: any) => unknown> = {}) {
  const calls: { name: string; payload: any }[] = [];
  return {
    calls,
    to: (name: string) => calls.filter((call) => call.name === name).map((call) => call.payload),
    async invoke(functionArnOrName: string, payload: unknown) {
      const name = functionArnOrName.split(':').at(-1) ?? functionArnOrName;
      calls.push({ name, payload: structuredClone(payload) });
      return await handlers[name]?.(payload);
    },
  };
}

const engines: LocalWorkflowEngine[] = [];
const directories: string[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function engineFor(lambdas: ReturnType<typeof functions>, options: Partial<LocalWorkflowOptions> = {}) {
  const engine = await localWorkflowEngine({
    definitions: fixtures,
    substitutions,
    invoke: lambdas.invoke,
    ...options,
  });
  engines.push(engine);
  return engine;
}

function temporaryDirectory() {
  const directory = mkdtempSync(join(tmpdir(), 'workflows-'));
  directories.push(directory);
  return directory;
}

async function eventually<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await delay(10);
  }
}

const finished = (engine: LocalWorkflowEngine, executionArn: string) =>
  eventually(() => {
    const execution = engine.execution(executionArn);
    return execution?.status === 'RUNNING' ? undefined : execution;
  });

describe('Task results, shaped as on AWS', () => {
  it('wraps a lambda:invoke result in Payload inside the Invoke response, and returns a function ARN result raw', async () => {
    const lambdas = functions({
      compute: ({ items }: { items: number[] }) => ({ total: items.reduce((sum, item) => sum + item, 0) }),
      echo: (payload) => payload,
    });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('invoke-results', { items: [10, 32] }, 'shapes');
    const execution = await finished(engine, executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    const output = execution.output as any;
    expect(output.raw).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { total: 42 },
      SdkHttpMetadata: {
        AllHttpHeaders: expect.objectContaining({ 'X-Amz-Executed-Version': ['$LATEST'], 'Content-Length': ['12'] }),
        HttpHeaders: expect.objectContaining({ 'Content-Type': 'application/json', 'Content-Length': '12' }),
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: output.raw.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId'] },
      StatusCode: 200,
    });
    expect(output.selected).toEqual({ total: 11, status: 200 });
    expect(output.echoed).toEqual({ total: 11 });
    expect(lambdas.calls.slice(0, 3)).toEqual([
      { name: 'compute', payload: { items: [10, 32] } },
      { name: 'compute', payload: { items: [5, 6] } },
      { name: 'echo', payload: { total: 11 } },
    ]);
  });
});

describe('ResultPath "$"', () => {
  it('replaces the input with the result, as on AWS (the library alone would add a key "$")', async () => {
    const lambdas = functions({ compute: ({ items }: { items: number[] }) => ({ total: items.length }) });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('result-root', { items: [1, 2, 3] }, 'root');
    expect((await finished(engine, executionArn)).output).toEqual({ sum: 3 });
  });
});

describe('TimeoutSecondsPath on a callback task', () => {
  it("reads the timeout from the state's input, and keeps it out of the function's payload", async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const started = Date.now();
    const { executionArn } = await engine.start('dynamic-timeout', { job: 'j1', deadline: { seconds: 1 } }, 'dynamic');
    const execution = await finished(engine, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect((execution.output as any).outcome).toBe('timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Object.keys(lambdas.to('work')[0]).sort()).toEqual(['job', 'taskToken']);
  });

  it('fails the execution when the path selects no positive integer', async () => {
    const engine = await engineFor(functions());
    const { executionArn } = await engine.start('dynamic-timeout', { job: 'j2', deadline: { seconds: 0 } }, 'zero');
    expect(await finished(engine, executionArn)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe("a handler's error", () => {
  class RejectedError extends Error {
    override name = 'RejectedError';
  }

  it("is caught by Catch under the error's name, with the Node.js runtime's error document as cause", async () => {
    const lambdas = functions({
      check: () => {
        throw new RejectedError('price too high');
      },
    });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('errors', { orderId: 'o-1' }, 'rejected');
    const execution = await finished(engine, executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    const { failure } = execution.output as { failure: { Error: string; Cause: string } };
    expect(failure.Error).toBe('RejectedError');
    expect(JSON.parse(failure.Cause)).toEqual({
      errorType: 'RejectedError',
      errorMessage: 'price too high',
      trace: expect.arrayContaining([expect.stringContaining('RejectedError: price too high')]),
    });
  });

  it('is retried when a Retry names it', async () => {
    let attempts = 0;
    const lambdas = functions({
      check: () => {
        attempts += 1;
        if (attempts === 1) throw Object.assign(new Error('try later'), { name: 'BusyError' });
        return { checked: true };
      },
    });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('errors', { orderId: 'o-2' }, 'busy');
    const execution = await finished(engine, executionArn);

    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { checked: true } });
    expect(attempts).toBe(2);
    expect(execution.history.map(({ event }) => event)).toEqual(['Entered', 'Failed', 'Retried', 'Exited']);
  });

  it('fails the execution under its name when nothing catches it', async () => {
    const lambdas = functions({
      check: () => {
        throw new Error('boom');
      },
    });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('errors', {}, 'boom');
    const execution = await finished(engine, executionArn);

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Error', currentStates: [] });
    expect(JSON.parse(execution.cause ?? '')).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
  });
});

describe('a callback task', () => {
  it('puts a fresh token only where the ASL reads $$.Task.Token, and resumes with the output of SendTaskSuccess', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('approval', { orderId: 'o-1' }, 'approve-1');
    await engine.settled();

    const [request] = lambdas.to('request-approval');
    expect(request).toEqual({
      taskToken: expect.stringMatching(tokenShape),
      orderId: 'o-1',
      step: 'review',
      executionId: executionArn,
    });
    expect(engine.executions()).toEqual([
      expect.objectContaining({ executionArn, status: 'RUNNING', currentStates: ['RequestApproval'] }),
    ]);

    await engine.sendTaskSuccess(request.taskToken, { approved: true, by: 'ann' });
    await engine.settled();
    const execution = engine.execution(executionArn);
    expect(execution?.status).toBe('SUCCEEDED');
    expect(execution?.output).toEqual({
      orderId: 'o-1',
      decision: { approved: true, by: 'ann' },
      executionName: 'approve-1',
      startedAt: execution?.startDate,
      stateMachine: 'approval',
    });
  });

  it('accepts one SendTask* per token: afterwards the token is TaskTimedOut', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    await engine.start('approval', { orderId: 'o-2' }, 'approve-2');
    await engine.settled();
    const [{ taskToken }] = lambdas.to('request-approval');

    await engine.sendTaskSuccess(taskToken, { approved: true });
    await expect(engine.sendTaskSuccess(taskToken, { approved: false })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(engine.sendTaskFailure(taskToken, 'Rejected', 'late')).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(engine.sendTaskHeartbeat(taskToken)).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('keeps the answer it got while its function still ran, though the function then fails', async () => {
    let engine: LocalWorkflowEngine | undefined;
    const lambdas = functions({
      'request-approval': async ({ taskToken }: { taskToken: string }) => {
        // Answered by someone else (resume-waiters) while the function is still at work, which then fails.
        await engine?.sendTaskSuccess(taskToken, { approved: true, by: 'elsewhere' });
        throw Object.assign(new Error('Task Timed Out'), { name: 'TaskTimedOut' });
      },
    });
    engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('approval', { orderId: 'o-answered' }, 'approve-answered');
    const execution = await finished(engine, executionArn);
    expect(execution?.status).toBe('SUCCEEDED');
    expect(execution?.output).toMatchObject({ decision: { approved: true, by: 'elsewhere' } });
  });

  it('refuses a token it never issued with InvalidToken: garbled, forged, altered or from another store', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    await engine.start('approval', { orderId: 'o-3' }, 'approve-3');
    await engine.settled();
    const [{ taskToken }] = lambdas.to('request-approval');
    const other = functions();
    const otherEngine = await engineFor(other);
    await otherEngine.start('approval', { orderId: 'o-3' }, 'approve-3');
    await otherEngine.settled();
    const altered = `${taskToken[0] === 'A' ? 'B' : 'A'}${taskToken.slice(1)}`;

    for (const token of [
      'not-a-token',
      `${'a'.repeat(43)}.${'b'.repeat(43)}`,
      altered,
      other.to('request-approval')[0].taskToken,
    ]) {
      await expect(engine.sendTaskSuccess(token, {})).rejects.toMatchObject({ name: 'InvalidToken' });
    }
    await engine.sendTaskSuccess(taskToken, { approved: true });
  });

  it('fails with the error and cause of SendTaskFailure, for Catch to route', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('approval', { orderId: 'o-4' }, 'approve-4');
    await engine.settled();

    await engine.sendTaskFailure(lambdas.to('request-approval')[0].taskToken, 'Rejected', 'price too high');
    const execution = await finished(engine, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({ orderId: 'o-4', rejection: { Error: 'Rejected', Cause: 'price too high' } });
    expect(execution.history.map(({ state }) => state)).toEqual([
      'RequestApproval',
      'RequestApproval',
      'RequestApproval',
      'RequestApproval',
      'RecordRejection',
      'RecordRejection',
    ]);
  });

  it('times out after TimeoutSeconds with States.Timeout: the reminder waits on a new token, its own timeout escalates', async () => {
    const lambdas = functions({ escalate: () => ({ to: 'sales-manager' }) });
    const engine = await engineFor(lambdas, { timeoutOverrides: { approval: { RequestApproval: 200, Remind: 200 } } });
    const { executionArn } = await engine.start('approval', { orderId: 'o-5' }, 'approve-5');

    const reminder = await eventually(() => lambdas.to('remind')[0]);
    const [{ taskToken: first }] = lambdas.to('request-approval');
    expect(reminder).toEqual({
      taskToken: expect.stringMatching(tokenShape),
      orderId: 'o-5',
      timedOut: 'States.Timeout',
    });
    expect(reminder.taskToken).not.toBe(first);
    await expect(engine.sendTaskSuccess(first, { approved: true })).rejects.toMatchObject({ name: 'TaskTimedOut' });

    const execution = await finished(engine, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      orderId: 'o-5',
      timeout: { Error: 'States.Timeout' },
      escalation: { to: 'sales-manager' },
    });
    const entered = execution.history.filter(({ event }) => event === 'Entered').map(({ state }) => state);
    expect(entered).toEqual(['RequestApproval', 'Remind', 'Escalate']);
    expect(JSON.stringify(lambdas.to('escalate'))).not.toContain(first.slice(0, 43));
    expect(JSON.stringify(lambdas.to('escalate'))).not.toContain(reminder.taskToken.slice(0, 43));
  });

  it("completes through the reminder's token after the first one timed out", async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas, { timeoutOverrides: { approval: { RequestApproval: 100 } } });
    const { executionArn } = await engine.start('approval', { orderId: 'o-6' }, 'approve-6');
    const reminder = await eventually(() => lambdas.to('remind')[0]);
    await engine.settled();
    expect(engine.execution(executionArn)?.currentStates).toEqual(['Remind']);

    await engine.sendTaskSuccess(reminder.taskToken, { approved: true, by: 'bob' });
    const execution = await finished(engine, executionArn);
    expect(execution.output).toMatchObject({ orderId: 'o-6', decision: { approved: true, by: 'bob' } });
  });

  it('stays waiting while heartbeats arrive within HeartbeatSeconds, and times out when they stop', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('heartbeat', {}, 'beating');
    await engine.settled();
    const [{ taskToken }] = lambdas.to('work');

    for (let beat = 0; beat < 4; beat += 1) {
      await delay(400);
      await engine.sendTaskHeartbeat(taskToken);
    }
    expect(engine.execution(executionArn)).toMatchObject({ status: 'RUNNING', currentStates: ['Work'] });

    const execution = await finished(engine, executionArn);
    // AWS reports a missed heartbeat as States.Timeout, which States.TaskFailed does not match.
    expect(execution.output).toMatchObject({ outcome: 'stalled', error: { Error: 'States.Timeout' } });
    expect(Date.parse(execution.stopDate ?? '') - Date.parse(execution.startDate)).toBeGreaterThanOrEqual(2_600);
  });

  it('is caught by States.TaskFailed when SendTaskFailure fails it', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('heartbeat', {}, 'crashing');
    await engine.settled();

    await engine.sendTaskFailure(lambdas.to('work')[0].taskToken, 'WorkerCrashed', 'disk full');
    const execution = await finished(engine, executionArn);
    expect(execution.output).toEqual({ outcome: 'broken', error: { Error: 'WorkerCrashed', Cause: 'disk full' } });
  });

  it("inside a Parallel branch gets its own token and reads the execution's input", async () => {
    const lambdas = functions({ notify: () => ({ notified: true }) });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('branches', { orderId: 'o-7' }, 'both');
    await engine.settled();

    const [request] = lambdas.to('request-approval');
    expect(request).toEqual({ taskToken: expect.stringMatching(tokenShape), orderId: 'o-7' });
    expect(lambdas.to('notify')).toEqual([{ note: "each branch sees this, not the execution's input" }]);
    expect(engine.execution(executionArn)?.currentStates).toEqual(['Both', 'SignOff']);

    await engine.sendTaskSuccess(request.taskToken, 'signed');
    await engine.settled();
    expect(engine.execution(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      output: ['signed', { notified: true }],
    });
  });

  it('in each Map iteration gets its own token', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('items', { items: ['bolts', 'nuts'] }, 'items');
    await engine.settled();

    const requests = lambdas.to('request-approval');
    expect(requests.map(({ item }) => item)).toEqual(['bolts', 'nuts']);
    expect(new Set(requests.map(({ taskToken }) => taskToken)).size).toBe(2);
    expect(engine.execution(executionArn)?.currentStates).toEqual(['EachItem', 'ConfirmItem']);

    for (const { taskToken, item } of requests.reverse()) await engine.sendTaskSuccess(taskToken, `${item}: ok`);
    await engine.settled();
    expect(engine.execution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: ['bolts: ok', 'nuts: ok'] });
  });

  it('closes when another branch of its Parallel fails', async () => {
    const lambdas = functions({
      check: async () => {
        await delay(50);
        throw new Error('out of stock');
      },
    });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('failing-branch', {}, 'split');
    const execution = await finished(engine, executionArn);

    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { failure: { Error: 'Error' } }, waitingTasks: [] });
    await expect(engine.sendTaskSuccess(lambdas.to('request-approval')[0].taskToken, 'late')).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('without TimeoutSeconds waits beyond the longest timer the library can arm', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas, { maxTimerMs: 300 });
    const { executionArn } = await engine.start('unbounded', {}, 'patient');
    await engine.settled();
    await delay(1_000);

    expect(engine.execution(executionArn)).toMatchObject({ status: 'RUNNING', currentStates: ['WaitForever'] });
    await engine.sendTaskSuccess(lambdas.to('work')[0].taskToken, 'done');
    const execution = await finished(engine, executionArn);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: 'done' });
    expect(lambdas.to('work')).toHaveLength(1);
    expect(execution.history.filter(({ event }) => event === 'Resumed').length).toBeGreaterThanOrEqual(2);
  });
});

describe('an execution', () => {
  it('is the same execution when started again with the same name and input while it runs', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const first = await engine.start('approval', { orderId: 'o-1' }, 'once');
    const again = await engine.start('approval', { orderId: 'o-1' }, 'once');
    await engine.settled();

    expect(again).toEqual(first);
    expect(first.executionArn).toBe('arn:aws:states:local:000000000000:execution:approval:once');
    expect(lambdas.to('request-approval')).toHaveLength(1);
    await expect(engine.start('approval', { orderId: 'o-2' }, 'once')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    await engine.sendTaskSuccess(lambdas.to('request-approval')[0].taskToken, { approved: true });
    await finished(engine, first.executionArn);
    await expect(engine.start('approval', { orderId: 'o-1' }, 'once')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('needs a known state machine and a valid name', async () => {
    const engine = await engineFor(functions());
    await expect(engine.start('nowhere', {}, 'x')).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(engine.start('approval', {}, 'two words')).rejects.toMatchObject({ name: 'InvalidName' });
  });

  it('is listed with its status and current state; its detail has the history and waiting tasks, never a token', async () => {
    const lambdas = functions({
      check: () => {
        throw new Error('boom');
      },
    });
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const engine = await engineFor(lambdas, { storeFile });
    const waiting = await engine.start('approval', { orderId: 'o-9' }, 'listed');
    const failed = await engine.start('errors', {}, 'failing');
    await finished(engine, failed.executionArn);
    await engine.settled();

    expect(engine.executions()).toEqual([
      expect.objectContaining({
        executionArn: waiting.executionArn,
        status: 'RUNNING',
        currentStates: ['RequestApproval'],
      }),
      expect.objectContaining({ executionArn: failed.executionArn, status: 'FAILED', currentStates: [] }),
    ]);
    const detail = engine.execution(waiting.executionArn);
    expect(detail?.history).toEqual([{ at: expect.any(String), event: 'Entered', state: 'RequestApproval' }]);
    expect(detail?.waitingTasks).toEqual([{ state: 'RequestApproval', timeoutAt: expect.any(String) }]);
    const waitedFor = Date.parse(detail?.waitingTasks[0]?.timeoutAt ?? '') - Date.parse(detail?.startDate ?? '');
    expect(waitedFor).toBeGreaterThanOrEqual(86_400_000);
    expect(waitedFor).toBeLessThan(86_401_000);
    const [{ taskToken }] = lambdas.to('request-approval');
    for (const text of [JSON.stringify(detail), JSON.stringify(engine.executions()), readFileSync(storeFile, 'utf8')]) {
      expect(text).not.toContain(taskToken.slice(0, 43));
    }
  });

  it("times out after the state machine's own TimeoutSeconds", async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('deadline', {}, 'late');
    await engine.settled();

    const execution = await finished(engine, executionArn);
    expect(execution).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    await expect(engine.sendTaskSuccess(lambdas.to('work')[0].taskToken, 'too late')).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });
});

describe('stopping an execution', () => {
  it('aborts it in its callback task: the token then answers TaskTimedOut, its deadlines no longer fire', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas, { timeoutOverrides: { approval: { RequestApproval: 200 } } });
    const { executionArn } = await engine.start('approval', { orderId: 'o-1' }, 'cancelled');
    await engine.settled();
    const [{ taskToken }] = lambdas.to('request-approval');

    await engine.stopExecution('approval', 'cancelled', 'the order was cancelled');
    const execution = engine.execution(executionArn);
    expect(execution).toMatchObject({
      status: 'ABORTED',
      error: 'Stopped',
      cause: 'the order was cancelled',
      stopDate: expect.any(String),
      currentStates: [],
      waitingTasks: [],
    });
    expect(execution?.output).toBeUndefined();
    await expect(engine.sendTaskSuccess(taskToken, { approved: true })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(engine.sendTaskFailure(taskToken, 'Rejected', 'late')).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(engine.sendTaskHeartbeat(taskToken)).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await engine.settled();

    // Past the task's timeout: without the stop, the reminder would have been asked for.
    await delay(400);
    expect(lambdas.to('remind')).toEqual([]);
    expect(engine.execution(executionArn)).toEqual(execution);
  });

  it('is a no-op for an execution that has already ended or does not exist', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('approval', { orderId: 'o-2' }, 'twice');
    await engine.settled();
    await engine.stopExecution('approval', 'twice', 'first');
    const stopped = engine.execution(executionArn);

    await expect(engine.stopExecution('approval', 'twice', 'second')).resolves.toBeUndefined();
    expect(engine.execution(executionArn)).toEqual(stopped);
    expect(stopped?.cause).toBe('first');
    await expect(engine.stopExecution('approval', 'never-started', 'x')).resolves.toBeUndefined();
    await expect(engine.stopExecution('nowhere', 'twice', 'x')).resolves.toBeUndefined();
    expect(engine.executions().map((execution) => execution.executionArn)).toEqual([executionArn]);
    await expect(engine.start('approval', { orderId: 'o-2' }, 'twice')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });

    const done = await engine.start('approval', { orderId: 'o-3' }, 'done');
    await engine.settled();
    await engine.sendTaskSuccess(lambdas.to('request-approval')[1].taskToken, { approved: true });
    const succeeded = await finished(engine, done.executionArn);
    await engine.stopExecution('approval', 'done', 'too late');
    expect(engine.execution(done.executionArn)).toEqual(succeeded);
  });

  it('closes every token of a Parallel state', async () => {
    const lambdas = functions({ notify: () => ({ notified: true }) });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('branches', { orderId: 'o-4' }, 'split');
    await engine.settled();

    await engine.stopExecution('branches', 'split', 'cancelled');
    expect(engine.execution(executionArn)).toMatchObject({ status: 'ABORTED', currentStates: [], waitingTasks: [] });
    await expect(engine.sendTaskSuccess(lambdas.to('request-approval')[0].taskToken, 'x')).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await engine.settled();
  });

  it('ignores the late result of a Lambda call in flight', async () => {
    const crunching = Promise.withResolvers();
    const lambdas = functions({ slow: () => crunching.promise });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('slow', {}, 'busy');
    await eventually(() => lambdas.to('slow')[0]);

    await engine.stopExecution('slow', 'busy', 'cancelled');
    const stopped = engine.execution(executionArn);
    await engine.settled();
    crunching.resolve({ late: true });
    await delay(50);
    expect(engine.execution(executionArn)).toEqual(stopped);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Stopped', cause: 'cancelled' });
    expect(stopped?.output).toBeUndefined();
    expect(stopped?.history.map(({ event }) => event)).not.toContain('Exited');
  });

  it('keeps it stopped across a restart', async () => {
    const lambdas = functions();
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('approval', { orderId: 'o-5' }, 'stopped');
    await before.settled();
    const [{ taskToken }] = lambdas.to('request-approval');
    await before.stopExecution('approval', 'stopped', 'the order was cancelled');
    const stopped = before.execution(executionArn);
    await before.stop();
    expect(JSON.parse(readFileSync(storeFile, 'utf8')).waitingTasks).toEqual([]);

    const after = await engineFor(lambdas, { storeFile });
    await after.settled();
    expect(after.execution(executionArn)).toEqual(stopped);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Stopped', cause: 'the order was cancelled' });
    await expect(after.sendTaskSuccess(taskToken, { approved: true })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await after.stopExecution('approval', 'stopped', 'again');
    expect(after.execution(executionArn)).toEqual(stopped);
    expect(lambdas.to('request-approval')).toHaveLength(1);
  });
});

describe('a restart', () => {
  it('keeps a waiting task: the token minted before it completes the workflow, without invoking the function again', async () => {
    const lambdas = functions();
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('approval', { orderId: 'o-1' }, 'restarted');
    await before.settled();
    const [{ taskToken }] = lambdas.to('request-approval');
    const startDate = before.execution(executionArn)?.startDate;
    await before.stop();

    const after = await engineFor(lambdas, { storeFile });
    expect(after.execution(executionArn)).toMatchObject({ status: 'RUNNING', currentStates: ['RequestApproval'] });
    await after.settled();
    await after.sendTaskSuccess(taskToken, { approved: true, by: 'carol' });
    const execution = await finished(after, executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({
      orderId: 'o-1',
      decision: { approved: true, by: 'carol' },
      executionName: 'restarted',
      startedAt: startDate,
      stateMachine: 'approval',
    });
    expect(lambdas.to('request-approval')).toHaveLength(1);
    expect(execution.history.map(({ event }) => event)).toEqual([
      'Entered',
      'Resumed',
      'Entered',
      'Exited',
      'Entered',
      'Exited',
    ]);
  });

  it('times a waiting task out at once when its deadline passed while the stack was down', async () => {
    const lambdas = functions();
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const timeoutOverrides = { approval: { RequestApproval: 300 } };
    const before = await engineFor(lambdas, { storeFile, timeoutOverrides });
    const { executionArn } = await before.start('approval', { orderId: 'o-2' }, 'expired');
    await before.settled();
    const [{ taskToken }] = lambdas.to('request-approval');
    await before.stop();
    await delay(400);

    const after = await engineFor(lambdas, { storeFile, timeoutOverrides });
    await eventually(() => lambdas.to('remind')[0]);
    await after.settled();
    expect(after.execution(executionArn)?.currentStates).toEqual(['Remind']);
    await expect(after.sendTaskSuccess(taskToken, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('runs a Lambda task that was in flight again, with its stored input; the late result of the first call changes nothing', async () => {
    const first = Promise.withResolvers();
    let calls = 0;
    const lambdas = functions({ slow: () => (++calls === 1 ? first.promise : { crunched: calls }) });
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('slow', { size: 3 }, 'busy');
    await eventually(() => lambdas.to('slow')[0]);
    await before.stop();

    const after = await engineFor(lambdas, { storeFile });
    const execution = await finished(after, executionArn);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { Payload: { crunched: 2 } } });
    expect(lambdas.to('slow')).toEqual([{ size: 3 }, { size: 3 }]);
    expect(execution.history.map(({ event, state }) => `${event} ${state}`)).toEqual([
      'Entered Crunch',
      'Resumed Crunch',
      'Entered Crunch',
      'Exited Crunch',
    ]);
    first.resolve({ late: true });
    await delay(20);
    expect(after.execution(executionArn)?.output).toEqual(execution.output);
  });

  it("asks again, with the same token, when the callback task's function had not returned", async () => {
    const lambdas = functions({ 'request-approval': () => new Promise(() => {}) });
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('approval', { orderId: 'o-8' }, 'unasked');
    const [{ taskToken }] = await eventually(() => lambdas.to('request-approval')[0] && lambdas.to('request-approval'));
    expect(JSON.parse(readFileSync(storeFile, 'utf8')).waitingTasks).toMatchObject([{ invoked: false }]);
    await before.stop();

    const answering = functions({ 'request-approval': () => ({ approvalId: 'a-1' }) });
    const after = await engineFor(answering, { storeFile });
    await after.settled();
    expect(answering.to('request-approval')).toEqual([lambdas.to('request-approval')[0]]);
    expect(answering.to('request-approval')[0].taskToken).toBe(taskToken);
    expect(JSON.parse(readFileSync(storeFile, 'utf8')).waitingTasks).toMatchObject([{ invoked: true }]);
    await after.sendTaskSuccess(taskToken, { approved: true });
    expect(await finished(after, executionArn)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('goes on with an answer given just before the restart, without asking again', async () => {
    const lambdas = functions();
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('approval', { orderId: 'o-9' }, 'answered');
    await before.settled();
    await before.stop();
    // The store as a crash leaves it between SendTaskSuccess and the next state: the task answered, still in its state.
    const stored = JSON.parse(readFileSync(storeFile, 'utf8'));
    stored.waitingTasks = [];
    stored.executions[0].answered = { state: 'RequestApproval', output: { approved: true } };
    writeFileSync(storeFile, JSON.stringify(stored));

    const after = await engineFor(lambdas, { storeFile });
    const execution = await finished(after, executionArn);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { decision: { approved: true } } });
    expect(lambdas.to('request-approval')).toHaveLength(1);
  });

  it('waits only for what is left of a Wait state', async () => {
    const lambdas = functions();
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('pause', { seconds: 3 }, 'pausing');
    await delay(2_000);
    await before.stop();

    const restarted = Date.now();
    const after = await engineFor(lambdas, { storeFile });
    const execution = await finished(after, executionArn);
    expect(Date.now() - restarted).toBeLessThan(2_500);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { seconds: 3, outcome: 'done' } });
    expect(execution.history.map(({ event, state }) => `${event} ${state}`)).toEqual([
      'Entered Pause',
      'Resumed Pause',
      'Entered Pause',
      'Exited Pause',
      'Entered Done',
      'Exited Done',
    ]);
  });

  it('runs a Parallel state again when interrupted inside it: its callback task asks again, the old token is gone', async () => {
    const lambdas = functions({ notify: () => ({ notified: true }) });
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('branches', { orderId: 'o-3' }, 'branched');
    await before.settled();
    await before.stop();

    const after = await engineFor(lambdas, { storeFile });
    await after.settled();
    const [first, again] = lambdas.to('request-approval');
    expect(again).toEqual({ taskToken: expect.stringMatching(tokenShape), orderId: 'o-3' });
    expect(again.taskToken).not.toBe(first.taskToken);
    expect(lambdas.to('notify')).toHaveLength(2);
    await expect(after.sendTaskSuccess(first.taskToken, 'x')).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await after.sendTaskSuccess(again.taskToken, 'signed');
    expect(await finished(after, executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      output: ['signed', { notified: true }],
    });
  });
});

describe('redriving an execution', () => {
  it("runs a failed execution again from the state it failed in, with that state's input, across a restart", async () => {
    let checks = 0;
    const lambdas = functions({
      compute: () => 42,
      check: () => {
        if (++checks === 1) throw Object.assign(new Error('the service was down'), { name: 'ServiceDown' });
        return 'ok';
      },
    });
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('two-steps', { orderId: 'o-10' }, 'flaky');
    expect(await finished(before, executionArn)).toMatchObject({ status: 'FAILED', error: 'ServiceDown' });
    await before.stop();

    const after = await engineFor(lambdas, { storeFile });
    const { redriveDate } = await after.redriveExecution(executionArn);
    const execution = await finished(after, executionArn);
    expect(execution).toMatchObject({
      status: 'SUCCEEDED',
      output: { orderId: 'o-10', compute: { computed: 42 }, check: { checked: 'ok' } },
      redriveCount: 1,
      redriveDate,
    });
    expect(lambdas.to('compute')).toHaveLength(1);
    expect(lambdas.to('check')).toEqual([
      { orderId: 'o-10', compute: { computed: 42 } },
      { orderId: 'o-10', compute: { computed: 42 } },
    ]);
    expect(execution.history.map(({ event, state }) => `${event} ${state}`).slice(-3)).toEqual([
      'Redriven Check',
      'Entered Check',
      'Exited Check',
    ]);
  });

  it('goes on from the state it was redriven from after a restart', async () => {
    let checks = 0;
    let restarted = false;
    const lambdas = functions({
      compute: () => 42,
      check: () => {
        if (++checks === 1) throw Object.assign(new Error('the service was down'), { name: 'ServiceDown' });
        return restarted ? 'ok' : new Promise(() => {});
      },
    });
    const storeFile = join(temporaryDirectory(), 'executions.json');
    const before = await engineFor(lambdas, { storeFile });
    const { executionArn } = await before.start('two-steps', { orderId: 'o-13' }, 'redriven-then-restarted');
    await finished(before, executionArn);
    await before.redriveExecution(executionArn);
    await before.stop();
    restarted = true;

    const after = await engineFor(lambdas, { storeFile });
    expect(await finished(after, executionArn)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(lambdas.to('compute')).toHaveLength(1);
  });

  it('refuses an execution that is running or succeeded (ExecutionNotRedrivable) or unknown (ExecutionDoesNotExist)', async () => {
    const lambdas = functions({ compute: () => 1, check: () => 2 });
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('approval', { orderId: 'o-11' }, 'waiting');
    await engine.settled();
    await expect(engine.redriveExecution(executionArn)).rejects.toMatchObject({ name: 'ExecutionNotRedrivable' });
    const done = await engine.start('two-steps', {}, 'done');
    await finished(engine, done.executionArn);
    await expect(engine.redriveExecution(done.executionArn)).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
      message: expect.stringContaining('SUCCEEDED'),
    });
    await expect(engine.redriveExecution(`${executionArn}-x`)).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('asks again in the callback task an execution was stopped in', async () => {
    const lambdas = functions();
    const engine = await engineFor(lambdas);
    const { executionArn } = await engine.start('approval', { orderId: 'o-12' }, 'stopped-then-redriven');
    await engine.settled();
    await engine.stopExecution('approval', 'stopped-then-redriven', 'by mistake');
    await engine.redriveExecution(executionArn);
    await engine.settled();
    const [first, again] = lambdas.to('request-approval');
    expect(again.taskToken).not.toBe(first.taskToken);
    await engine.sendTaskSuccess(again.taskToken, { approved: true });
    expect(await finished(engine, executionArn)).toMatchObject({ status: 'SUCCEEDED' });
  });
});

describe('loading the ASL', () => {
  const task = (resource: string) =>
    JSON.stringify({ StartAt: 'Save', States: { Save: { Type: 'Task', Resource: resource, End: true } } });

  it('refuses a Task resource it cannot run, naming the state and the resource', async () => {
    const definitions = temporaryDirectory();
    writeFileSync(join(definitions, 'bad.asl.json'), task('arn:aws:states:::dynamodb:putItem'));
    await expect(localWorkflowEngine({ definitions, invoke: async () => null })).rejects.toThrow(
      'state machine bad: state Save: resource arn:aws:states:::dynamodb:putItem is not supported offline',
    );
  });

  it('refuses a definition substitution it was not given', async () => {
    const definitions = temporaryDirectory();
    writeFileSync(join(definitions, 'stray.asl.json'), task(`\${Missing}`));
    await expect(localWorkflowEngine({ definitions, invoke: async () => null })).rejects.toThrow(
      `state machine stray: no substitution for \${Missing}`,
    );
  });
});
