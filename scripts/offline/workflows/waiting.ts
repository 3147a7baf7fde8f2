import type { WaitingTaskRecord } from './store.ts';
import { timerAt } from './timers.ts';

/** A callback task waiting for SendTask*: its stored record, the outcome its Task state awaits, and its deadline timer. */
export type Waiting = { record: WaitingTaskRecord; outcome: PromiseWithResolvers<unknown>; cancelTimer: () => void };

export type TaskResult = { output: unknown } | { error: Error };

function deferred() {
  const outcome = Promise.withResolvers<unknown>();
  // The outcome may be settled (a timeout, SendTaskFailure) before its state awaits it.
  outcome.promise.catch(() => {});
  return outcome;
}

/**
 * The callback tasks now waiting, by token key; `changed` runs after every change worth persisting, `closed` when a
 * task ends (before `changed`).
 */
export function waitingTasks(
  changed: () => void,
  timeoutError: () => Error,
  closed: (waiting: Waiting, result: TaskResult) => void = () => {},
) {
  const byKey = new Map<string, Waiting>();

  /** TimeoutSeconds and HeartbeatSeconds both end the task with States.Timeout, as AWS reports a missed heartbeat. */
  const arm = (waiting: Waiting) => {
    waiting.cancelTimer();
    const deadlines = [waiting.record.timeoutAt, waiting.record.heartbeatAt].flatMap((at) =>
      at ? [Date.parse(at)] : [],
    );
    if (deadlines.length === 0) return;
    waiting.cancelTimer = timerAt(Math.min(...deadlines), () => close(waiting, { error: timeoutError() }));
  };

  const close = (waiting: Waiting, result: TaskResult) => {
    if (byKey.get(waiting.record.tokenKey) !== waiting) return;
    byKey.delete(waiting.record.tokenKey);
    waiting.cancelTimer();
    if ('error' in result) waiting.outcome.reject(result.error);
    else waiting.outcome.resolve(result.output);
    closed(waiting, result);
    changed();
  };

  return {
    get: (tokenKey: string) => byKey.get(tokenKey),
    /** A task already answered (after a restart): its state takes the outcome at once. */
    answered(record: WaitingTaskRecord, result: TaskResult): Waiting {
      const outcome = deferred();
      if ('error' in result) outcome.reject(result.error);
      else outcome.resolve(result.output);
      return { record, outcome, cancelTimer: () => {} };
    },
    of: (executionArn: string) => [...byKey.values()].filter((waiting) => waiting.record.executionArn === executionArn),
    records: () => [...byKey.values()].map((waiting) => waiting.record),
    watch(record: WaitingTaskRecord) {
      const waiting: Waiting = { record, outcome: deferred(), cancelTimer: () => {} };
      byKey.set(record.tokenKey, waiting);
      arm(waiting);
      changed();
      return waiting;
    },
    close,
    heartbeat(waiting: Waiting) {
      if (!waiting.record.heartbeatMs) return;
      waiting.record.heartbeatAt = new Date(Date.now() + waiting.record.heartbeatMs).toISOString();
      arm(waiting);
      changed();
    },
    /** The run awaiting this task is gone, the task still waits: ends that run's wait, and a later run may take it over. */
    release(waiting: Waiting, reason: Error) {
      const previous = waiting.outcome;
      waiting.outcome = deferred();
      previous.reject(reason);
    },
    stopTimers() {
      for (const waiting of byKey.values()) waiting.cancelTimer();
    },
  };
}
