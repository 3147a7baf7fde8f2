import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The one id that follows a piece of work from the request that set it going — an incoming `x-correlation-id`
 * header, or else API Gateway's request id — through the domain events it records (their envelope's
 * `correlationId`), the workflow executions those events start (their input's `correlationId`), and the e-mails
 * sent on the way (the `X-Correlation-Id` header and the SES tag `correlation`). Set around each invocation by the
 * handler wrappers (shared/observability.ts); read where events are written and e-mails sent.
 */
const storage = new AsyncLocalStorage<string>();

/** The correlation id of the work under way, if any. */
export const currentCorrelationId = (): string | undefined => storage.getStore();

/** Runs `fn` with `id` as the correlation id (none: `fn` runs in the surrounding one). */
export function withCorrelationId<T>(id: string | undefined, fn: () => T): T {
  return id ? storage.run(id, fn) : fn();
}

/** An incoming correlation id is accepted when it is a short token (it ends up in logs, mail headers and tags). */
const acceptable = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export const correlationIdFrom = (value: unknown): string | undefined =>
  typeof value === 'string' && acceptable.test(value) ? value : undefined;

export const correlationHeader = 'x-correlation-id';
