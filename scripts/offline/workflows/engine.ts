import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ExecutionError, type RunOptions, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { WorkflowPort } from '../../../shared/ports/index.ts';
import {
  executionAlias,
  type LoadedStateMachine,
  loadStateMachines,
  resumedWait,
  resumingAt,
  startingAt,
  stateMachineArn,
  type TaskState,
  timeoutSecondsKey,
} from './definitions.ts';
import { abandoned, awsError, statesTimeoutError } from './errors.ts';
import { asJson, lambdaFunctionError, lambdaInvokeResult } from './lambda.ts';
import { type ExecutionRecord, type Transition, type WaitingTaskRecord, workflowStore } from './store.ts';
import { timerAt } from './timers.ts';
import { newSecret, newTaskId, taskTokens, tokenKey } from './tokens.ts';
import { type TaskResult, type Waiting, waitingTasks } from './waiting.ts';

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
  Pick<ExecutionRecord, 'input' | 'output' | 'error' | 'cause' | 'history' | 'redriveCount' | 'redriveDate'> & {
    waitingTasks: Pick<WaitingTaskRecord, 'state' | 'timeoutAt' | 'heartbeatAt'>[];
  };

export type LocalWorkflowEngine = WorkflowPort & {
  /**
   * RedriveExecution: an execution that FAILED, TIMED_OUT or was ABORTED in the last 14 days runs again from the
   * state it ended in, with that state's input (its earlier states are not run again); its TimeoutSeconds counts
   * from now. Otherwise `ExecutionNotRedrivable` (or `ExecutionDoesNotExist`), as on AWS.
   */
  redriveExecution(executionArn: string): Promise<{ redriveDate: string }>;
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
  /** A resumed run, until it has entered the state it resumed at (that entry keeps the execution's `answered`). */
  resuming: boolean;
  /** The Wait state a resumed run finishes in `resumedWait` (its events are recorded under this name). */
  waitOf?: string;
  /** Task states in progress; `waiting` once only SendTask* or a timer can end them. */
  tasks: Set<{ waiting: boolean }>;
};

const repositoryStateMachines = fileURLToPath(new URL('../../../state-machines/', import.meta.url));
const invalidNameCharacter = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;
const executionArnOf = (stateMachine: string, name: string) =>
  `arn:aws:states:local:000000000000:execution:${stateMachine}:${name}`;
const interrupted = 'interrupted by a restart of the offline stack';
const redrivableMs = 14 * 86_400_000;

/** Where a run starts: a state and its input, with the callback task it takes over, if any. */
type Start = { state: string; input: unknown; adopt?: Waiting };

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
  /** A top-level callback task's outcome is kept until its execution moves on, so that a restart goes on with it. */
  const keepAnswer = (waiting: Waiting, result: TaskResult) => {
    const execution = executions.get(waiting.record.executionArn);
    if (execution?.status !== 'RUNNING' || waiting.record.nested) return;
    execution.answered = {
      state: waiting.record.state,
      ...('error' in result
        ? { error: { name: result.error.name, message: result.error.message } }
        : { output: result.output }),
    };
  };
  const callbacks = waitingTasks(persist, timeoutError, keepAnswer);
  const answerOf = ({ output, error }: NonNullable<ExecutionRecord['answered']>): TaskResult =>
    error
      ? { error: error.name === 'States.Timeout' ? timeoutError() : awsError(error.name, error.message) }
      : { output };

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
      // By the next macrotask the state's entry (and its input) is stored: a restart runs this task again.
      await new Promise(setImmediate);
      if (run.detached) throw abandoned('the run was stopped');
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
    // A task taken over after a restart whose function never returned is asked again, with the same token
    // (unless its deadline passed meanwhile: then it has timed out already).
    if (adopted?.record.invoked === false && callbacks.get(adopted.record.tokenKey) === adopted) {
      await invokeForCallback(run, adopted, input);
    }
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

  /**
   * Gives the task a token, records the task (durably, before anyone can see the token) and invokes the function;
   * the record says whether the function returned, so that a restart can tell a request that was never made.
   */
  async function requestCallback(run: Run, task: TaskState, taskInput: unknown, calledAt: number) {
    const { [timeoutSecondsKey]: timeoutSeconds } = taskInput as Record<string, unknown>;
    if (task.timeoutFromInput && !(Number.isInteger(timeoutSeconds) && (timeoutSeconds as number) > 0)) {
      throw awsError('States.Runtime', `TimeoutSecondsPath of ${task.name} must select a positive integer`);
    }
    const timeoutMs = task.timeoutFromInput ? (timeoutSeconds as number) * 1000 : task.timeoutMs;
    const taskId = newTaskId();
    const at = (ms: number | undefined) => (ms ? new Date(calledAt + ms).toISOString() : undefined);
    // A new request of this state: an earlier outcome of it (an error a Retry retries) no longer stands.
    if (!task.nested) run.execution.answered = undefined;
    const waitingTask = callbacks.watch({
      tokenKey: tokenKey(tokens.forTask(taskId)),
      taskId,
      invoked: false,
      executionArn: run.execution.executionArn,
      state: task.name,
      nested: task.nested,
      rawInput: run.entered?.state === task.name ? run.entered.input : undefined,
      timeoutAt: at(timeoutMs),
      heartbeatMs: task.heartbeatMs,
      heartbeatAt: at(task.heartbeatMs),
    });
    await invokeForCallback(run, waitingTask, taskInput);
    return waitingTask;
  }

  /** Invokes a callback task's function with the task's token; once it has returned, the task is recorded as asked. */
  async function invokeForCallback(run: Run, waitingTask: Waiting, taskInput: unknown) {
    const { [timeoutSecondsKey]: _, ...input } = taskInput as Record<string, unknown>;
    const token = tokens.forTask(waitingTask.record.taskId ?? '');
    const { FunctionName, Payload } = withToken(input, run.placeholder, token) as LambdaInvokeParameters;
    try {
      await invokeFunction(FunctionName, Payload);
    } catch (error) {
      // Answered (or timed out) while its function still ran: that outcome stands, as on AWS.
      if (callbacks.get(waitingTask.record.tokenKey) !== waitingTask) return;
      callbacks.close(waitingTask, { error: error as Error });
      throw error;
    }
    waitingTask.record.invoked = true;
    persist();
  }

  function launch(
    execution: ExecutionRecord,
    definition: StateMachineDefinition,
    input: unknown,
    resumed?: { adopt?: Waiting; state: string },
  ) {
    const machine = machines.get(execution.stateMachine) as LoadedStateMachine;
    const run: Run = {
      execution,
      machine,
      placeholder: `task-token-placeholder-${randomUUID()}`,
      abort: () => {},
      detached: false,
      adopt: resumed?.adopt,
      resuming: resumed !== undefined,
      waitOf: definition.StartAt === resumedWait ? resumed?.state : undefined,
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
    const finishingWait = event.state.name === resumedWait;
    const state = finishingWait ? (run.waitOf ?? resumedWait) : event.state.name;
    if (event.type === 'StateEntered' && run.machine.topLevelStates.has(state)) {
      // Stored at once: a restart runs the state again from here (a resumed Wait keeps its first entry's time).
      if (!finishingWait) {
        run.execution.currentState = state;
        run.execution.currentInput = structuredClone(event.state.input);
        run.execution.currentEnteredAt = new Date(event.timestamp).toISOString();
      }
      // Entering a state consumes the answer of the one before, unless the run re-enters the state it resumed at.
      if (!run.resuming) run.execution.answered = undefined;
      run.resuming = false;
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
    const { currentState: state, currentInput: input } = execution;
    Object.assign(execution, ending, {
      stopDate: new Date().toISOString(),
      currentState: undefined,
      currentInput: undefined,
      currentEnteredAt: undefined,
      answered: undefined,
      // What a redrive runs again: the state it ended in, with that state's input.
      redriveFrom:
        ending.status !== 'SUCCEEDED' && state !== undefined && 'currentInput' in execution
          ? { state, input }
          : undefined,
    });
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

  /** Runs an execution again from a top-level state, with that state's input (and the callback task it waits in). */
  function resume(execution: ExecutionRecord, { state, input, adopt }: Start) {
    const machine = machines.get(execution.stateMachine) as LoadedStateMachine;
    execution.history.push({ at: new Date().toISOString(), event: 'Resumed', state });
    persist();
    const enteredAt = execution.currentState === state ? execution.currentEnteredAt : undefined;
    launch(execution, resumingAt(machine, state, { enteredAt, input }), input, { adopt, state });
  }

  function repark(run: Run, task: Waiting) {
    detach(run);
    resume(run.execution, { state: task.record.state, input: task.record.rawInput, adopt: task });
  }

  /** The state machine's TimeoutSeconds, counted from the execution's start or redrive (so across restarts). */
  function armExecutionTimeout(execution: ExecutionRecord) {
    const timeoutMs = machines.get(execution.stateMachine)?.timeoutMs;
    if (!timeoutMs) return;
    const from = execution.redriveDate ?? execution.startDate;
    const timeOut = () => {
      const run = runs.get(execution.executionArn);
      if (run) detach(run);
      end(execution, {
        status: 'TIMED_OUT',
        error: 'States.Timeout',
        cause: 'The execution ran longer than its TimeoutSeconds',
      });
    };
    executionTimers.set(execution.executionArn, timerAt(Date.parse(from) + timeoutMs, timeOut));
  }

  /**
   * Where a RUNNING execution from the store goes on, or why it can't. Waiting in a top-level callback task: that
   * task, asked again if its function never returned. Otherwise the top-level state it was in runs again with its
   * stored input: a Lambda task in flight or in a Retry pause (steps are idempotent), a Wait (for what is left of
   * it), a Parallel or Map state (all its branches); a callback task that was answered goes on with the answer.
   */
  function resumption(execution: ExecutionRecord, tasks: WaitingTaskRecord[]): Start | { problem: string } {
    const machine = machines.get(execution.stateMachine);
    if (!machine) return { problem: `${interrupted}: ${execution.stateMachine} no longer exists` };
    const waiting = tasks.find((task) => !task.nested);
    if (waiting) {
      if (machine.tasks.get(waiting.state)?.kind !== 'callback') {
        return {
          problem: `${interrupted}: ${waiting.state} is no longer a callback task of ${execution.stateMachine}`,
        };
      }
      return { state: waiting.state, input: waiting.rawInput, adopt: callbacks.watch(waiting) };
    }
    const state = execution.currentState ?? machine.definition.StartAt;
    if (!machine.topLevelStates.has(state)) {
      return { problem: `${interrupted}: ${state} is no longer a state of ${execution.stateMachine}` };
    }
    if (execution.currentState !== undefined && !('currentInput' in execution)) {
      return { problem: `${interrupted} in ${state}, whose input the store did not keep` };
    }
    const input = execution.currentState === undefined ? execution.input : execution.currentInput;
    const { answered } = execution;
    if (answered?.state === state && machine.tasks.get(state)?.kind === 'callback') {
      const record = { tokenKey: '', executionArn: execution.executionArn, state, nested: false };
      return { state, input, adopt: callbacks.answered(record, answerOf(answered)) };
    }
    return { state, input };
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
    resume(execution, next);
    log(`workflow ${execution.executionArn}: resumed in ${next.state}`);
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
    async redriveExecution(executionArn) {
      if (stopped) throw new Error('the local workflow engine is stopped');
      const execution = executions.get(executionArn);
      if (!execution) throw awsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
      const notRedrivable = (reason: string) => awsError('ExecutionNotRedrivable', `Execution ${reason}`);
      if (execution.status === 'RUNNING' || execution.status === 'SUCCEEDED') {
        throw notRedrivable(`is ${execution.status} and cannot be redriven.`);
      }
      if (Date.now() - Date.parse(execution.stopDate ?? execution.startDate) > redrivableMs) {
        throw notRedrivable('redrivable period exceeded.');
      }
      const machine = machines.get(execution.stateMachine);
      const neverEntered = !execution.history.some((transition) => transition.event === 'Entered');
      const from =
        execution.redriveFrom ??
        (neverEntered && machine ? { state: machine.definition.StartAt, input: execution.input } : undefined);
      if (!machine || !from || !machine.topLevelStates.has(from.state)) {
        throw notRedrivable('cannot be redriven: the engine did not keep the state it ended in.');
      }
      const redriveDate = new Date().toISOString();
      Object.assign(execution, {
        status: 'RUNNING',
        stopDate: undefined,
        output: undefined,
        error: undefined,
        cause: undefined,
        redriveFrom: undefined,
        redriveCount: (execution.redriveCount ?? 0) + 1,
        redriveDate,
        // Where a restart before its first step goes on: the state it is redriven from, not the first one.
        currentState: from.state,
        currentInput: from.input,
        currentEnteredAt: redriveDate,
      } satisfies Partial<ExecutionRecord>);
      execution.history.push({ at: redriveDate, event: 'Redriven', state: from.state });
      persist();
      armExecutionTimeout(execution);
      launch(execution, startingAt(machine, from.state), from.input);
      log(`workflow ${executionArn}: redriven from ${from.state}`);
      return { redriveDate };
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
      const { input, output, error, cause, history, redriveCount, redriveDate } = execution;
      const waitingTasks = callbacks.of(executionArn).map(({ record: { state, timeoutAt, heartbeatAt } }) => ({
        state,
        timeoutAt,
        heartbeatAt,
      }));
      return structuredClone({
        ...summary(execution),
        input,
        output,
        error,
        cause,
        history,
        waitingTasks,
        ...(redriveCount ? { redriveCount, redriveDate } : {}),
      });
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
