/**
 * How long a function may run, in seconds: read by infra/ (each Lambda's timeout) and by the code that must stay
 * within it — the AWS SDK clients' request timeouts (shared/adapters/aws/clients.ts) — or outlast it — the lease of
 * an e-mail being sent (shared/application/send-once.ts).
 */
export const functionTimeoutSeconds = {
  /** HTTP handlers answer a person waiting. */
  route: 10,
  /** Workers (stream, bus rules, workflow steps, schedules) run in the background. */
  worker: 30,
} as const;

/** Each Lambda's memory, in MB: read by infra/ and by the cost benchmark (GB-seconds). */
export const functionMemoryMb = { route: 1024, worker: 512 } as const;
