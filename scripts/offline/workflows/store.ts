import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** AWS's names: a stopped execution is `ABORTED`. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type Transition = {
  at: string;
  event: 'Entered' | 'Exited' | 'Failed' | 'Retried' | 'Caught' | 'Resumed' | 'Redriven';
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
  /** That state's input as it entered (before InputPath), and when: where a restart runs it again from. */
  currentInput?: unknown;
  currentEnteredAt?: string;
  /**
   * The outcome of the top-level callback task the execution is in, until the execution enters another state: a
   * restart in between goes on with it instead of asking again.
   */
  answered?: { state: string; output?: unknown; error?: { name: string; message: string } };
  /** An execution that ended unsuccessfully: the state it ended in, with that state's input (what a redrive runs). */
  redriveFrom?: { state: string; input: unknown };
  redriveCount?: number;
  redriveDate?: string;
  history: Transition[];
};

/** A callback task waiting for SendTask*: enough to resume it after a restart, without its token. */
export type WaitingTaskRecord = {
  tokenKey: string;
  /** Its token follows from this id and the store's secret (absent in stores written before it did). */
  taskId?: string;
  /** False until its function has returned: a restart then invokes the function again, with the same token. */
  invoked?: boolean;
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
