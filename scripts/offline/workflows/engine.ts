import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ExecutionError, type RunOptions, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { WorkflowPort } from '../../../shared/ports/index.ts';
import {
  executionAlias,
  type LoadedStateMachine,
  loadStateMachines,
  startingAt,
  stateMachineArn,
  type TaskState,
  timeoutSecondsKey,
} from './definitions.ts';
import { abandoned, awsError, statesTimeoutError } from './errors.ts';
import { asJson, lambdaFunctionError, lambdaInvokeResult } from './lambda.ts';
import { type ExecutionRecord, type Transition, type WaitingTaskRecord, workflowStore } from './store.ts';
import { timerAt } from './timers.ts';
import { newSecret, taskTokens, tokenKey } from './tokens.ts';
import { type Waiting, waitingTasks } from './waiting.ts';

export type LocalWorkflowOptions = {
  /** Calls a function's real handler in this process and returns its result; throws the handler's error. */
  invoke(functionArnOrName: string, payload: unknown): Promise<unknown>;
  /** The directory of `<stateMachine>.asl.json` files; `state-machines/` at the repository root by default. */
  definitions?: string;
  /** CDK-style definition substitutions: every `${Name}` in the ASL text is replaced before parsing. */
  substitutions?: Record<string, string>;
  /** The JSON file keeping executions and waiting tasks across restarts; in memory only without it. */
  storeFile?: string;
  /** For tests: milliseconds replacing a Task state's TimeoutSeconds, by state machine and state name. */
  timeoutOverrides?: Record<string, Record<string, number>>;
  /** For tests: milliseconds replacing a state's Retry pauses, by state machine and state name. */
  retryIntervalOverrides?: Record<string, Record<string, number>>;
  /** For tests: the longest timer the library is given (a callback task waiting longer moves to a fresh run). */
  maxTimerMs?: number;
  log?: (line: string) => void;
};

export type ExecutionSummary = Pick<
  ExecutionRecord,
  'executionArn' | 'stateMachine' | 'name' | 'status' | 'startDate' | 'stopDate'
> & { currentStates: string[] };

export type ExecutionDetail = ExecutionSummary &
  Pick<ExecutionRecord, 'input' | 'output' | 'error' | 'cause' | 'history'> & {
    waitingTasks: Pick<WaitingTaskRecord, 'state' | 'timeoutAt' | 'heartbeatAt'>[];
  };

export type LocalWorkflowEngine = WorkflowPort & {
  executions(): ExecutionSummary[];
  execution(executionArn: string): ExecutionDetail | undefined;
  /** Resolves once no execution has work in progress other than waiting for SendTask* (or a timer's end). */
  settled(): Promise<void>;
  /** Stops timers and runs; waiting executions stay waiting in the store and resume on the next start. */
  stop(): Promise<void>;
};

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type Json = Parameters<TaskHandlers[string]>[0];
type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;
type StateEvent = Extract<EventLog, { state: unknown }>;
type Ending = Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>;
type LambdaInvokeParameters = { FunctionName: string; Payload?: unknown };

/** One run of the library for an execution: its start, or its resumption at a waiting state. */
type Run = {
  execution: ExecutionRecord;
  machine: LoadedStateMachine;
  /** Stands for `$$.Task.Token` in the Context Object; each callback task swaps it for its own token. */
  placeholder: string;
  abort: () => void;
  /** Stopped or replaced: its remaining events and results are ignored. */
  detached: boolean;
  /** The last top-level state entered and its raw input, from the event log. */
  entered?: { state: string; input: unknown };
  /** The waiting task a resumed run takes over instead of starting its state afresh. */
  adopt?: Waiting;
  /** Task states in progress; `waiting` once only SendTask* or a timer can end them. */
  tasks: Set<{ waiting: boolean }>;
};

const repositoryStateMachines = fileURLToPath(new URL('../../../state-machines/', import.meta.url));
const invalidNameCharacter = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;
const executionArnOf = (stateMachine: string, name: string) =>
  `arn:aws:states:local:000000000000:execution:${stateMachine}:${name}`;
const interrupted = 'interrupted by a restart of the offline stack';

/**
 * Runs the ASL files on aws-local-stepfunctions and supplies what the library lacks: Lambda integration results
 * shaped as on AWS, a task token per `.waitForTaskToken` task with SendTaskSuccess / Failure / Heartbeat,
 * TimeoutSeconds and HeartbeatSeconds on those tasks, the Context Object, and executions kept in a file so that a
 * waiting execution resumes after a restart.
 */
export async function localWorkflowEngine(options: LocalWorkflowOptions): Promise<LocalWorkflowEngine> {
  const log = options.log ?? (() => {});
  const maxTimerMs = options.maxTimerMs ?? 2_147_483_000;
  const reparkAfterMs = maxTimerMs / 2;
  const machines = loadStateMachines({
    directory: options.definitions ?? repositoryStateMachines,
    substitutions: options.substitutions ?? {},
    timeoutOverrides: options.timeoutOverrides ?? {},
    maxTimerMs,
  });
  const timeoutError = await statesTimeoutError();
  const store = workflowStore(options.storeFile);
  const saved = store.load();
  const secret = saved?.secret ?? newSecret();
  const tokens = taskTokens(secret);
  const executions = new Map((saved?.executions ?? []).map((execution) => [execution.executionArn, execution]));
  const runs = new Map<string, Run>();
  const executionTimers = new Map<string, () => void>();
  let stopped = false;

  const persist = () => {
    if (stopped) return;
    store.save({ secret, executions: [...executions.values()], waitingTasks: callbacks.records() });
  };
  const callbacks = waitingTasks(persist, timeoutError);

  async function invokeFunction(functionName: string, payload: unknown) {
    try {
      return await options.invoke(functionName, payload);
    } catch (error) {
      throw lambdaFunctionError(error);
    }
  }

  async function runTask(run: Run, task: TaskState, input: unknown) {
    if (run.detached) throw abandoned('the run was stopped');
    const progress = { waiting: false };
    run.tasks.add(progress);
    try {
      if (task.kind === 'callback') return await waitForCallback(run, task, input, progress);
      if (task.kind === 'lambda-function') return asJson(await invokeFunction(task.resource, input));
      const { FunctionName, Payload } = input as LambdaInvokeParameters;
      return lambdaInvokeResult(await invokeFunction(FunctionName, Payload));
    } finally {
      run.tasks.delete(progress);
    }
  }

  async function waitForCallback(run: Run, task: TaskState, input: unknown, progress: { waiting: boolean }) {
    const calledAt = Date.now();
    // By the next macrotask the event log has recorded this state's entry, with the raw input a resume needs.
    await new Promise(setImmediate);
    if (run.detached) throw abandoned('the run was stopped');
    const adopted = run.adopt;
    run.adopt = undefined;
    const waitingTask = adopted ?? (await requestCallback(run, task, input, calledAt));
    if (run.detached) throw abandoned('the run was stopped');
    progress.waiting = true;
    // The library times this task out after maxTimerMs: well before, a top-level wait moves to a fresh run.
    const cancelRepark = timerAt(calledAt + reparkAfterMs, () =>
      task.nested ? callbacks.close(waitingTask, { error: timeoutError() }) : repark(run, waitingTask),
    );
    try {
      return await waitingTask.outcome.promise;
    } finally {
      cancelRepark();
    }
  }

  /** Mints the task's token, records the task (durably, before anyone can see the token) and invokes the function. */
  async function requestCallback(run: Run, task: TaskState, taskInput: unknown, calledAt: number) {
    const { [timeoutSecondsKey]: timeoutSeconds, ...input } = taskInput as Record<string, unknown>;
    if (task.timeoutFromInput && !(Number.isInteger(timeoutSeconds) && (timeoutSeconds as number) > 0)) {
      throw awsError('States.Runtime', `TimeoutSecondsPath of ${task.name} must select a positive integer`);
    }
    const timeoutMs = task.timeoutFromInput ? (timeoutSeconds as number) * 1000 : task.timeoutMs;
    const token = tokens.mint();
    const at = (ms: number | undefined) => (ms ? new Date(calledAt + ms).toISOString() : undefined);
    const waitingTask = callbacks.watch({
      tokenKey: tokenKey(token),
      executionArn: run.execution.executionArn,
      state: task.name,
      nested: task.nested,
      rawInput: run.entered?.state === task.name ? run.entered.input : undefined,
      timeoutAt: at(timeoutMs),
      heartbeatMs: task.heartbeatMs,
      heartbeatAt: at(task.heartbeatMs),
    });
    const { FunctionName, Payload } = withToken(input, run.placeholder, token) as LambdaInvokeParameters;
    try {
      await invokeFunction(FunctionName, Payload);
    } catch (error) {
      callbacks.close(waitingTask, { error: error as Error });
      throw error;
    }
    return waitingTask;
  }

  function launch(execution: ExecutionRecord, definition: StateMachineDefinition, input: unknown, adopt?: Waiting) {
    const machine = machines.get(execution.stateMachine) as LoadedStateMachine;
    const run: Run = {
      execution,
      machine,
      placeholder: `task-token-placeholder-${randomUUID()}`,
      abort: () => {},
      detached: false,
      adopt,
      tasks: new Set(),
    };
    runs.set(execution.executionArn, run);
    const handlers: TaskHandlers = Object.fromEntries(
      [...machine.tasks.values()].map((task) => [
        task.name,
        (taskInput: Json) => runTask(run, task, taskInput) as Promise<Json>,
      ]),
    );
    const ids = {
      Id: execution.executionArn,
      Name: execution.name,
      Input: execution.input as Json,
      StartTime: execution.startDate,
    };
    const library = new StateMachine(definition, { validationOptions: { noValidate: true } }).run(input as Json, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        retryIntervalOverrides: options.retryIntervalOverrides?.[execution.stateMachine],
      },
      context: {
        Execution: ids,
        [executionAlias]: ids,
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: run.placeholder },
      },
    });
    run.abort = library.abort;
    const followed = follow(run, library.eventLogs);
    library.result
      .then(
        (output) => followed.then(() => finish(run, { status: 'SUCCEEDED', output })),
        (error: unknown) => followed.then(() => finish(run, failure(error))),
      )
      .catch((error: Error) => log(`workflow engine: ${execution.executionArn}: ${error.message}`));
  }

  async function follow(run: Run, events: AsyncGenerator<EventLog>) {
    for await (const event of events) {
      if (run.detached) return;
      if ('state' in event) note(run, event);
    }
  }

  function note(run: Run, event: StateEvent) {
    const state = event.state.name;
    if (event.type === 'StateEntered' && run.machine.topLevelStates.has(state)) {
      run.execution.currentState = state;
      run.entered = { state, input: structuredClone(event.state.input) };
    }
    const branches = run.machine.containers.get(state);
    if (branches && (event.type === 'StateExited' || event.type === 'StateFailed')) {
      // The library aborts the other branches of a failed Parallel or Map but leaves their tasks pending.
      for (const task of callbacks.of(run.execution.executionArn)) {
        if (branches.has(task.record.state)) callbacks.close(task, { error: abandoned(`${state} ended`) });
      }
    }
    run.execution.history.push({
      at: new Date(event.timestamp).toISOString(),
      event: event.type.slice('State'.length) as Transition['event'],
      state,
      ...(event.type === 'StateFailed'
        ? { error: event.Error, cause: typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause) }
        : {}),
    });
    persist();
  }

  function failure(error: unknown): Ending {
    const { name, message } = (error instanceof ExecutionError ? error.cause : error) as Error;
    return { status: 'FAILED', error: name, cause: message };
  }

  function finish(run: Run, ending: Ending) {
    if (run.detached) return;
    runs.delete(run.execution.executionArn);
    end(run.execution, ending);
  }

  function end(execution: ExecutionRecord, ending: Ending) {
    Object.assign(execution, ending, { stopDate: new Date().toISOString(), currentState: undefined });
    executionTimers.get(execution.executionArn)?.();
    executionTimers.delete(execution.executionArn);
    for (const task of callbacks.of(execution.executionArn)) {
      callbacks.close(task, { error: abandoned('the execution ended') });
    }
    persist();
  }

  /** Ends a run without ending its execution: its waiting task stays waiting for another run, or the next start. */
  function detach(run: Run) {
    run.detached = true;
    runs.delete(run.execution.executionArn);
    run.abort();
    for (const task of callbacks.of(run.execution.executionArn)) {
      callbacks.release(task, abandoned('the run was stopped'));
    }
  }

  function resume(execution: ExecutionRecord, task: Waiting) {
    const machine = machines.get(execution.stateMachine) as LoadedStateMachine;
    execution.history.push({ at: new Date().toISOString(), event: 'Resumed', state: task.record.state });
    persist();
    launch(execution, startingAt(machine, task.record.state), task.record.rawInput, task);
  }

  function repark(run: Run, task: Waiting) {
    detach(run);
    resume(run.execution, task);
  }

  /** The state machine's TimeoutSeconds, counted from the execution's start (so across restarts). */
  function armExecutionTimeout(execution: ExecutionRecord) {
    const timeoutMs = machines.get(execution.stateMachine)?.timeoutMs;
    if (!timeoutMs) return;
    const timeOut = () => {
      const run = runs.get(execution.executionArn);
      if (run) detach(run);
      end(execution, {
        status: 'TIMED_OUT',
        error: 'States.Timeout',
        cause: 'The execution ran longer than its TimeoutSeconds',
      });
    };
    executionTimers.set(execution.executionArn, timerAt(Date.parse(execution.startDate) + timeoutMs, timeOut));
  }

  /** The callback task a RUNNING execution from the store resumes in, or why it can't. */
  function resumption(execution: ExecutionRecord, tasks: WaitingTaskRecord[]) {
    const [task] = tasks;
    if (!task) return { problem: `${interrupted} (it was not waiting for a callback)` };
    const nested = tasks.find((candidate) => candidate.nested);
    if (nested) {
      return {
        problem: `${interrupted} while waiting in ${nested.state}, inside a Parallel or Map state: only top-level callback tasks resume`,
      };
    }
    if (machines.get(execution.stateMachine)?.tasks.get(task.state)?.kind !== 'callback') {
      return { problem: `${interrupted}: ${task.state} is no longer a callback task of ${execution.stateMachine}` };
    }
    return { task };
  }

  function waitingFor(token: string) {
    if (stopped) throw new Error('the local workflow engine is stopped');
    if (!tokens.isGenuine(token)) throw awsError('InvalidToken', 'Invalid Token');
    const task = callbacks.get(tokenKey(token));
    if (!task) throw awsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return task;
  }

  function summary(execution: ExecutionRecord): ExecutionSummary {
    const { executionArn, stateMachine, name, status, startDate, stopDate, currentState } = execution;
    const waitingStates = callbacks.of(executionArn).map((task) => task.record.state);
    const currentStates = [...new Set([...(currentState ? [currentState] : []), ...waitingStates])];
    return { executionArn, stateMachine, name, status, startDate, stopDate, currentStates };
  }

  /** Nothing left to do but wait: every task in progress waits for a callback, at a callback or Parallel/Map state. */
  function isWaiting(run: Run) {
    const current = run.execution.currentState;
    const tasks = [...run.tasks];
    return (
      tasks.length > 0 &&
      tasks.every((task) => task.waiting) &&
      current !== undefined &&
      (run.machine.tasks.get(current)?.kind === 'callback' || run.machine.containers.has(current))
    );
  }

  const storedTasks = saved?.waitingTasks ?? [];
  for (const execution of executions.values()) {
    if (execution.status !== 'RUNNING') continue;
    const next = resumption(
      execution,
      storedTasks.filter((task) => task.executionArn === execution.executionArn),
    );
    if ('problem' in next) {
      end(execution, { status: 'FAILED', error: 'LocalEngine.Interrupted', cause: next.problem });
      log(`workflow ${execution.executionArn}: ${next.problem}`);
      continue;
    }
    armExecutionTimeout(execution);
    resume(execution, callbacks.watch(next.task));
    log(`workflow ${execution.executionArn}: resumed, waiting in ${next.task.state}`);
  }
  persist();

  return {
    async start(stateMachine, input, name) {
      if (stopped) throw new Error('the local workflow engine is stopped');
      const machine = machines.get(stateMachine);
      if (!machine) {
        throw awsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn(stateMachine)}'`);
      }
      if (name.length === 0 || name.length > 80 || invalidNameCharacter.test(name)) {
        throw awsError('InvalidName', `Invalid Name: '${name}'`);
      }
      const executionArn = executionArnOf(stateMachine, name);
      const json = input === undefined ? {} : asJson(input);
      const existing = executions.get(executionArn);
      if (existing) {
        // Standard workflows: the same name and input while running is the same execution; otherwise a conflict.
        if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(json)) {
          return { executionArn };
        }
        throw awsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
      const execution: ExecutionRecord = {
        executionArn,
        stateMachine,
        name,
        status: 'RUNNING',
        input: json,
        startDate: new Date().toISOString(),
        history: [],
      };
      executions.set(executionArn, execution);
      persist();
      armExecutionTimeout(execution);
      launch(execution, machine.definition, json);
      return { executionArn };
    },
    async stopExecution(stateMachine, name, cause) {
      if (stopped) throw new Error('the local workflow engine is stopped');
      const execution = executions.get(executionArnOf(stateMachine, name));
      // As on AWS: an unknown execution, or one that has already ended, is left as it is.
      if (execution?.status !== 'RUNNING') return;
      const run = runs.get(execution.executionArn);
      if (run) detach(run);
      // Ending it closes its waiting tasks (their tokens then answer TaskTimedOut) and its timers, durably.
      end(execution, { status: 'ABORTED', error: 'Stopped', cause });
      log(`workflow ${execution.executionArn}: stopped (${cause})`);
    },
    async sendTaskSuccess(token, output) {
      const task = waitingFor(token);
      if (output === undefined) throw awsError('InvalidOutput', 'Invalid Output: the output must be JSON');
      callbacks.close(task, { output: asJson(output) });
    },
    async sendTaskFailure(token, error, cause) {
      callbacks.close(waitingFor(token), { error: awsError(error, cause) });
    },
    async sendTaskHeartbeat(token) {
      callbacks.heartbeat(waitingFor(token));
    },
    executions: () => [...executions.values()].map(summary),
    execution(executionArn) {
      const execution = executions.get(executionArn);
      if (!execution) return undefined;
      const { input, output, error, cause, history } = execution;
      const waitingTasks = callbacks.of(executionArn).map(({ record: { state, timeoutAt, heartbeatAt } }) => ({
        state,
        timeoutAt,
        heartbeatAt,
      }));
      return structuredClone({ ...summary(execution), input, output, error, cause, history, waitingTasks });
    },
    async settled() {
      // Checked between macrotasks: a SendTask* or a start just made reaches the runs a few promises later.
      for (;;) {
        await delay(5);
        if ([...runs.values()].every(isWaiting)) return;
      }
    },
    async stop() {
      for (const run of [...runs.values()]) detach(run);
      for (const cancel of executionTimers.values()) cancel();
      callbacks.stopTimers();
      stopped = true;
    },
  };
}

/** The task's input with the run's placeholder for `$$.Task.Token` replaced by the task's own token. */
function withToken(value: unknown, placeholder: string, token: string): unknown {
  if (typeof value === 'string') return value.replaceAll(placeholder, token);
  if (Array.isArray(value)) return value.map((item) => withToken(item, placeholder, token));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withToken(item, placeholder, token)]));
  }
  return value;
}
