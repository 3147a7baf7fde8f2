import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** AWS's names: a stopped execution is `ABORTED`. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type Transition = {
  at: string;
  event: 'Entered' | 'Exited' | 'Failed' | 'Retried' | 'Caught' | 'Resumed';
  state: string;
  error?: string;
  cause?: string;
};

export type ExecutionRecord = {
  executionArn: string;
  stateMachine: string;
  name: string;
  status: ExecutionStatus;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  /** The top-level state the execution is in. */
  currentState?: string;
  history: Transition[];
};

/** A callback task waiting for SendTask*: enough to resume it after a restart, without its token. */
export type WaitingTaskRecord = {
  tokenKey: string;
  executionArn: string;
  state: string;
  nested: boolean;
  /** The state's input as it entered (before InputPath and Parameters): what a resumed run starts from. */
  rawInput?: unknown;
  timeoutAt?: string;
  heartbeatMs?: number;
  heartbeatAt?: string;
};

export type StoreData = { secret: string; executions: ExecutionRecord[]; waitingTasks: WaitingTaskRecord[] };

/** The engine's state in one JSON file, replaced atomically (write a temporary file, then rename); none without a file. */
export function workflowStore(file: string | undefined) {
  return {
    load(): StoreData | undefined {
      return file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
    },
    save(data: StoreData) {
      if (!file) return;
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(data, null, 2));
      renameSync(temporary, file);
    },
  };
}
