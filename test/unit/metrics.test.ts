import { afterEach, describe, expect, it, vi } from 'vitest';
import { businessMetricOf, businessMetrics, countBusiness } from '../../shared/metrics.ts';

/** What Powertools Metrics writes while `fn` runs: its EMF lines, parsed. */
function emitted(fn: () => void) {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.includes('_aws'))
    .map((line) => JSON.parse(line));
}

afterEach(() => vi.restoreAllMocks());

describe('business metrics (Powertools Metrics, EMF)', () => {
  it('writes one EMF line per count, in the namespace, with the service dimension', () => {
    const [line, ...more] = emitted(() => countBusiness(businessMetrics.ordersPlaced));
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      OrdersPlaced: 1,
      service: 'order-follow-up',
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'OrderFollowUp',
            Dimensions: [['service']],
            Metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }],
          },
        ],
      },
    });
  });

  it('counts orders placed, approvals decided and lapses from their events, and nothing else', () => {
    expect(businessMetricOf({ type: 'OrderPlaced' })).toBe('OrdersPlaced');
    expect(businessMetricOf({ type: 'ApprovalDecided' })).toBe('ApprovalsDecided');
    for (const type of ['OrderIntakeLapsed', 'CustomerReviewLapsed', 'CancellationLapsed'] as const) {
      expect(businessMetricOf({ type })).toBe('Lapses');
    }
    expect(businessMetricOf({ type: 'OrderReleased' })).toBeUndefined();
  });
});
