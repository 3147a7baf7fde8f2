import { transientErrorNames } from '../../shared/domain/errors.ts';
import type { Retrier } from './asl.ts';

/**
 * Written once for every task of every workflow: the steps are idempotent (each writes conditionally on what it
 * read), so running one again after a transient error is safe. Backoff 2 s, 4 s, 8 s … about two minutes over six
 * tries; what still fails goes to the catch-and-alert (kit/workflow.ts).
 */
export const retryPolicy: Retrier[] = [
  { ErrorEquals: [...transientErrorNames], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 },
];

export const hours = (n: number) => n * 3600;
export const days = (n: number) => n * 86400;
