import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { correlationIdFrom, currentCorrelationId, withCorrelationId } from './correlation.ts';

/** Structured JSON logs; each invocation's lines carry the Lambda context and the correlation id. */
export const logger = new Logger({ serviceName: 'order-follow-up' });

/**
 * Powertools' `injectLambdaContext` (function name, request id, cold start on every line), then the correlation id
 * of the invocation, taken from the event by `correlationOf`, set for the logs and for what the handler writes.
 */
export function observed<E, R>(
  fn: (event: E, context: Context) => Promise<R>,
  correlationOf: (event: E) => string | undefined,
) {
  const wrapped = middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event, context) => {
      const id = correlationIdFrom(correlationOf(event));
      if (id) logger.setCorrelationId(id);
      return withCorrelationId(id, () => fn(event, context));
    });
  // Tests call handlers without a Lambda context.
  return (event: E, context?: Context): Promise<R> => wrapped(event, context ?? ({} as Context));
}

/** A field of a worker's payload (a workflow task's `correlationId`, an event's envelope on the bus). */
export const correlationIdIn = (event: unknown): string | undefined => {
  if (!event || typeof event !== 'object') return undefined;
  const record = event as { correlationId?: unknown; detail?: { correlationId?: unknown } };
  return correlationIdFrom(record.correlationId) ?? correlationIdFrom(record.detail?.correlationId);
};

export { currentCorrelationId };
