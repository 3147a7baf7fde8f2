import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DomainEvent } from './schemas/events.ts';

/**
 * Business metrics, through Powertools Metrics: each one an Embedded Metric Format line on stdout, which CloudWatch
 * turns into a metric in the stage's namespace (`POWERTOOLS_METRICS_NAMESPACE`, `<stage>-OrderFollowUp`, set by
 * infra/functions.ts) with the dimension `service`. Offline they are just those lines in the log.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'OrderFollowUp',
  serviceName: 'order-follow-up',
});

export const businessMetrics = {
  ordersPlaced: 'OrdersPlaced',
  approvalsDecided: 'ApprovalsDecided',
  lapses: 'Lapses',
  emailsRefused: 'EmailsRefused',
} as const;

export type BusinessMetric = (typeof businessMetrics)[keyof typeof businessMetrics];

/** Counts `name` once (or `count` times) and writes it out at once: handlers need not flush. */
export function countBusiness(name: BusinessMetric, count = 1) {
  metrics.addMetric(name, MetricUnit.Count, count);
  metrics.publishStoredMetrics();
}

/**
 * The business metric a domain event counts for, if any: counted once per event by the outbox relay as it puts the
 * event on the bus (a request retried with its idempotency key records no second event).
 */
export function businessMetricOf(event: Pick<DomainEvent, 'type'>): BusinessMetric | undefined {
  if (event.type === 'OrderPlaced') return businessMetrics.ordersPlaced;
  if (event.type === 'ApprovalDecided') return businessMetrics.approvalsDecided;
  if (event.type.endsWith('Lapsed')) return businessMetrics.lapses;
  return undefined;
}
