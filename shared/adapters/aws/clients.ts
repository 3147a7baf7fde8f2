import type { functionTimeoutSeconds } from '../../limits.ts';

/**
 * How long each AWS call may take before the SDK gives up on it (and retries, up to `maxAttempts`): without a request
 * timeout a call hanging on a half-open connection holds the function until Lambda kills it at its own timeout, with
 * nothing undone and nothing logged. Every budget stays below the timeout of the shortest function using the client.
 */
export const awsClientLimits = {
  /** Every function reads or writes the table, HTTP routes included. */
  dynamodb: { connectionTimeout: 1000, requestTimeout: 1500, maxAttempts: 3, usedBy: 'route' },
  /** The approval routes answer Step Functions (SendTaskSuccess) and the merge route stops executions. */
  sfn: { connectionTimeout: 1000, requestTimeout: 2000, maxAttempts: 2, usedBy: 'route' },
  /** Only workers send mail (notify, request-approval, step-failed, order-intake). */
  ses: { connectionTimeout: 1000, requestTimeout: 4000, maxAttempts: 3, usedBy: 'worker' },
  /** Only workers publish (the relay and the outbox sweep). */
  eventbridge: { connectionTimeout: 1000, requestTimeout: 3000, maxAttempts: 3, usedBy: 'worker' },
} as const satisfies Record<
  string,
  {
    connectionTimeout: number;
    requestTimeout: number;
    maxAttempts: number;
    usedBy: keyof typeof functionTimeoutSeconds;
  }
>;

export type AwsService = keyof typeof awsClientLimits;

/** The longest one call may take with its retries: each attempt's connection and response, and the backoffs between. */
export function worstCaseMilliseconds(service: AwsService) {
  const { connectionTimeout, requestTimeout, maxAttempts } = awsClientLimits[service];
  // The SDK's standard retry backs off at most 20 s, but with a base of 100 ms × 2^attempt for these few attempts.
  const backoff = Array.from({ length: maxAttempts - 1 }, (_, i) => 100 * 2 ** (i + 1)).reduce((a, b) => a + b, 0);
  return maxAttempts * (connectionTimeout + requestTimeout) + backoff;
}

/**
 * The options every AWS SDK client of this application is built with. `throwOnRequestTimeout`: the SDK's HTTP handler
 * only logs a warning when a request outlives `requestTimeout` unless told to fail it (and so retry or give up).
 */
export function awsClientOptions(service: AwsService) {
  const { connectionTimeout, requestTimeout, maxAttempts } = awsClientLimits[service];
  return { maxAttempts, requestHandler: { connectionTimeout, requestTimeout, throwOnRequestTimeout: true } };
}
