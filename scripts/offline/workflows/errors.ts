import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

/** An error as the AWS SDK raises it: AWS's exception name in `name`. */
export const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** Ends a task for good: the library neither retries nor catches it (StateExecutor reads isRetryable/isCatchable). */
export const abandoned = (reason: string) =>
  Object.assign(new Error(reason), { name: 'States.Runtime', isRetryable: false, isCatchable: false });

/**
 * The library's States.Timeout error, whose class it doesn't export: its Retry and Catch tell a timeout from
 * `States.TaskFailed` with `instanceof`. Taken from a one-state run whose task times out after 1 ms.
 */
export async function statesTimeoutError() {
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: {
        Probe: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:local:000000000000:function:probe',
          TimeoutSeconds: 0.001,
          End: true,
        },
      },
    },
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => {}) } } });
  const failure = await run.result.then(
    () => undefined,
    (error: unknown) => error,
  );
  const timeout = failure instanceof ExecutionError ? (failure.cause as Error) : undefined;
  if (timeout?.name !== 'States.Timeout')
    throw new Error('aws-local-stepfunctions no longer fails a slow task with States.Timeout');
  const StatesTimeout = timeout.constructor as new () => Error;
  return () => new StatesTimeout();
}
