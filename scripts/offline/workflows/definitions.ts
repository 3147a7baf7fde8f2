import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

export type TaskKind = 'lambda:invoke' | 'callback' | 'lambda-function';

export type TaskState = {
  name: string;
  kind: TaskKind;
  resource: string;
  /** Inside a Parallel branch or a Map iterator. */
  nested: boolean;
  /** Callback tasks only: TimeoutSeconds (or its override) and HeartbeatSeconds, enforced by the engine. */
  timeoutMs?: number;
  /** Callback tasks with TimeoutSecondsPath: the seconds arrive in the task's input under `timeoutSecondsKey`. */
  timeoutFromInput?: boolean;
  heartbeatMs?: number;
};

export type LoadedStateMachine = {
  name: string;
  arn: string;
  /** What the library runs: the ASL with its timers adapted (see prepareTask) and `$$.Execution` aliased. */
  definition: StateMachineDefinition;
  tasks: Map<string, TaskState>;
  topLevelStates: Set<string>;
  /** Parallel and Map states, with the names of every state nested in them. */
  containers: Map<string, Set<string>>;
  /** The state machine's own TimeoutSeconds, enforced by the engine. */
  timeoutMs?: number;
};

type State = Record<string, unknown> & { Type: string };
type Definition = { StartAt: string; States: Record<string, State>; TimeoutSeconds?: number };

/**
 * The library overwrites `$$.Execution.Input` and `$$.Execution.StartTime` with the input and start of each run
 * it makes (a resumed run, every Parallel branch and Map iteration), so paths into the execution read this alias,
 * which the engine fills with the execution's own values.
 */
export const executionAlias = 'LocalExecution';

/**
 * A callback task's TimeoutSecondsPath is evaluated by the library with the task's Parameters, under this key
 * (the engine takes it out again before invoking the function).
 */
export const timeoutSecondsKey = 'LocalTimeoutSeconds';

const resourceKinds: [RegExp, TaskKind][] = [
  [/^arn:[\w-]+:states:::lambda:invoke$/, 'lambda:invoke'],
  [/^arn:[\w-]+:states:::lambda:invoke\.waitForTaskToken$/, 'callback'],
  [/^arn:[\w-]+:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/, 'lambda-function'],
];

/** The library validates a definition in ~100 ms; tests start many engines on the same files. */
const validDefinitions = new Set<string>();

export const stateMachineArn = (name: string) => `arn:aws:states:local:000000000000:stateMachine:${name}`;

export type LoadOptions = {
  directory: string;
  substitutions: Record<string, string>;
  timeoutOverrides: Record<string, Record<string, number>>;
  /** The longest timer the library may arm (Node's setTimeout fires at once beyond 2^31-1 ms). */
  maxTimerMs: number;
};

/** Every `<name>.asl.json` in the directory, substituted, validated by the library and prepared to run offline. */
export function loadStateMachines(options: LoadOptions) {
  const files = readdirSync(options.directory).filter((file) => file.endsWith('.asl.json'));
  return new Map(
    files.map((file) => {
      const name = file.slice(0, -'.asl.json'.length);
      return [name, loadStateMachine(name, readFileSync(join(options.directory, file), 'utf8'), options)];
    }),
  );
}

function loadStateMachine(name: string, text: string, options: LoadOptions): LoadedStateMachine {
  function fail(problem: string): never {
    throw new Error(`state machine ${name}: ${problem}`);
  }
  const substituted = text.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    const value = options.substitutions[key];
    if (value === undefined) fail(`no substitution for \${${key}}`);
    return JSON.stringify(value).slice(1, -1);
  });
  if (!validDefinitions.has(substituted)) {
    try {
      new StateMachine(JSON.parse(substituted));
    } catch (error) {
      fail((error as Error).message);
    }
    validDefinitions.add(substituted);
  }
  const definition: Definition = JSON.parse(substituted.split('$$.Execution').join(`$$.${executionAlias}`));
  const machine: LoadedStateMachine = {
    name,
    arn: stateMachineArn(name),
    definition: definition as unknown as StateMachineDefinition,
    tasks: new Map(),
    topLevelStates: new Set(Object.keys(definition.States)),
    containers: new Map(),
    timeoutMs: definition.TimeoutSeconds && definition.TimeoutSeconds * 1000,
  };
  delete definition.TimeoutSeconds;

  const seen = new Set<string>();
  const visit = (states: Record<string, State>, ancestors: string[]) => {
    for (const [stateName, state] of Object.entries(states)) {
      // Overrides and event logs name states without their branch, so names must be unique machine-wide.
      if (seen.has(stateName)) fail(`state name ${stateName} is used twice`);
      seen.add(stateName);
      // "ResultPath": "$" means the default (the result replaces the input); the library would write a key "$".
      if (state.ResultPath === '$') delete state.ResultPath;
      for (const ancestor of ancestors) machine.containers.get(ancestor)?.add(stateName);
      if (state.Type === 'Task') {
        const overrideMs = options.timeoutOverrides[name]?.[stateName];
        machine.tasks.set(stateName, prepareTask(stateName, state, ancestors.length > 0, overrideMs, options, fail));
      }
      if (state.Type === 'Parallel' || state.Type === 'Map') {
        const branches = state.Type === 'Parallel' ? state.Branches : [state.ItemProcessor ?? state.Iterator];
        machine.containers.set(stateName, new Set());
        for (const branch of branches as Definition[]) visit(branch.States, [...ancestors, stateName]);
      }
    }
  };
  visit(definition.States, []);
  for (const state of Object.keys(options.timeoutOverrides[name] ?? {})) {
    if (!machine.tasks.has(state)) fail(`a timeout override names ${state}, which is not a Task state`);
  }
  return machine;
}

/**
 * Classifies a Task state and adapts its TimeoutSeconds for the library, which races every task against a timer
 * (60 s when TimeoutSeconds is absent). A callback task's timeout and heartbeat are the engine's, so the library's
 * timer is pushed to the longest it can arm; a synchronous task keeps the library's timer, overridden if asked.
 */
function prepareTask(
  name: string,
  state: State,
  nested: boolean,
  overrideMs: number | undefined,
  options: LoadOptions,
  fail: (problem: string) => never,
): TaskState {
  const resource = String(state.Resource);
  const kind = resourceKinds.find(([pattern]) => pattern.test(resource))?.[1];
  if (!kind) {
    fail(
      `state ${name}: resource ${resource} is not supported offline (lambda:invoke, lambda:invoke.waitForTaskToken or a Lambda function ARN)`,
    );
  }
  const longestSeconds = options.maxTimerMs / 1000;
  if (kind !== 'callback') {
    const seconds = overrideMs === undefined ? (state.TimeoutSeconds as number | undefined) : overrideMs / 1000;
    if (seconds !== undefined) state.TimeoutSeconds = Math.min(seconds, longestSeconds);
    return { name, kind, resource, nested };
  }
  if (state.HeartbeatSecondsPath)
    fail(`state ${name}: HeartbeatSecondsPath is not supported offline on callback tasks`);
  const timeoutPath = state.TimeoutSecondsPath as string | undefined;
  if (timeoutPath !== undefined) {
    // Parameters see the state's input after InputPath; the path must then read the same input.
    if (state.InputPath !== undefined && state.InputPath !== '$') {
      fail(`state ${name}: TimeoutSecondsPath with an InputPath is not supported offline on callback tasks`);
    }
    state.Parameters = { ...(state.Parameters as object), [`${timeoutSecondsKey}.$`]: timeoutPath };
    delete state.TimeoutSecondsPath;
  }
  const timeoutMs = overrideMs ?? ((state.TimeoutSeconds as number | undefined) ?? 0) * 1000;
  const heartbeatMs = ((state.HeartbeatSeconds as number | undefined) ?? 0) * 1000;
  state.TimeoutSeconds = longestSeconds;
  return {
    name,
    kind,
    resource,
    nested,
    timeoutMs: timeoutMs || undefined,
    heartbeatMs: heartbeatMs || undefined,
    timeoutFromInput: timeoutPath !== undefined && overrideMs === undefined,
  };
}

/** The same machine started at one of its top-level states: how an execution resumes, or is redriven. */
export const startingAt = (machine: LoadedStateMachine, state: string): StateMachineDefinition => ({
  ...machine.definition,
  StartAt: state,
});

/** The state a resumed run waits in for what is left of an interrupted Wait state (its events name the Wait state). */
export const resumedWait = 'LocalResumedWait';

/**
 * The machine resuming at a top-level state entered at `enteredAt` with `input`. A Wait state of `Seconds` or
 * `SecondsPath` waits only for what is left of it: the run starts in a copy of it that waits that long and goes on
 * as it would. (A `Timestamp` waits until the same moment anyway; a path the engine can't read waits in full.)
 */
export function resumingAt(
  machine: LoadedStateMachine,
  state: string,
  { enteredAt, input }: { enteredAt?: string; input: unknown },
): StateMachineDefinition {
  const definition = startingAt(machine, state);
  const wait = (machine.definition.States as Record<string, State>)[state];
  if (wait?.Type !== 'Wait' || !enteredAt) return definition;
  const seconds =
    typeof wait.Seconds === 'number'
      ? wait.Seconds
      : typeof wait.SecondsPath === 'string'
        ? referencePath(wait.SecondsPath, referencePath((wait.InputPath as string | undefined) ?? '$', input))
        : undefined;
  if (typeof seconds !== 'number') return definition;
  const left = Math.max(0, Date.parse(enteredAt) + seconds * 1000 - Date.now()) / 1000;
  const { SecondsPath: _, Comment: __, ...copy } = wait;
  return {
    ...definition,
    StartAt: resumedWait,
    States: { ...definition.States, [resumedWait]: { ...copy, Seconds: left } },
  } as StateMachineDefinition;
}

/** A reference path (`$`, `.name`, `['name']`, `[0]`: what ASL allows in SecondsPath) read from a value; undefined if it can't be. */
function referencePath(path: string, value: unknown): unknown {
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\['([^']*)'\]|\[(\d+)\]/g)];
  if (!path.startsWith('$') || steps.map(([step]) => step).join('') !== path.slice(1)) return undefined;
  let current = value;
  for (const [, name, quoted, index] of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[name ?? quoted ?? Number(index)];
  }
  return current;
}
