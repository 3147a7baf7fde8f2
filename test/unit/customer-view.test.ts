import { describe, expect, it } from 'vitest';
import { customerHistory, customerOrder } from '../../shared/domain/customer-view.ts';
import { accepted, depositRecorded, moveOrder } from '../../shared/domain/order-intake.ts';
import { CustomerHistoryEntry, CustomerOrder, type HistoryEntry } from '../../shared/schemas/order.ts';
import { atMinute, nextTestId, placedOrder, testParties } from '../fixtures.ts';

const merchandiser = 'wang.fang@factory.example';
const finance = 'zhou.min@factory.example';

/** An order a merchandiser entered with a note for colleagues, quoted below list price (a finding), then cancelled. */
const order = placedOrder([{ productCode: 'CHJ01B-800', description: '欧槽铝连杆', quantity: 200, unitPrice: 10 }], {
  status: 'in_review',
  notes: 'Internal: customer is slow to pay, check with finance',
  createdBy: merchandiser,
  updatedBy: finance,
  promiseBasis: '2027-01-02',
  cancellation: {
    reason: 'Project cancelled',
    requestedBy: 'buyer@huaxin.example',
    requestedAt: atMinute(5),
    approvedBy: 'xu.ming@factory.example',
    approvedAt: atMinute(6),
  },
});

const moved = moveOrder(order, accepted('planning', merchandiser, 'price agreed by phone with 李伟'), testParties, {
  now: atMinute(2),
  actor: merchandiser,
  newId: nextTestId,
});
const deposit = moveOrder(
  { ...order, status: 'awaiting_deposit' },
  depositRecorded({ ...order, status: 'awaiting_deposit' }, '2027-01-03'),
  testParties,
  { now: atMinute(3), actor: finance, newId: nextTestId },
);

const history: HistoryEntry[] = [
  { at: atMinute(1), actor: merchandiser, action: 'placed', note: `${order.number} by email; 1 review finding(s)` },
  moved?.history as HistoryEntry,
  deposit?.history as HistoryEntry,
  {
    at: atMinute(4),
    actor: 'workflow:order-intake',
    action: 'workflow-step-failed',
    note: 'LoadOrder failed: AccessDenied for chen.jie@factory.example',
  },
  { at: atMinute(4), actor: 'workflow:order-intake', action: 'signed', note: 'signed by qa.lin@factory.example' },
  {
    at: atMinute(6),
    actor: 'xu.ming@factory.example',
    action: 'cancelled',
    changes: [
      { field: 'status', before: 'planning', after: 'cancelled' },
      { field: 'cancellation', after: order.cancellation },
      { field: 'findings', before: order.findings, after: [] },
      { field: 'lines', before: order.lines, after: order.lines },
    ],
    note: 'can_1 asked by buyer@huaxin.example, approved by xu.ming@factory.example',
  },
];

describe("a customer's view of its order", () => {
  it('keeps the terms and where the order stands, and nothing internal: findings, notes, staff, list prices', () => {
    expect(order.findings.length).toBeGreaterThan(0);
    const view = customerOrder(order);
    expect(CustomerOrder.strict().safeParse(view).success).toBe(true);
    expect(view).toMatchObject({ id: order.id, number: order.number, status: 'in_review', totals: order.totals });
    for (const field of ['findings', 'notes', 'createdBy', 'updatedBy', 'promiseBasis']) {
      expect(view).not.toHaveProperty(field);
    }
    expect(view.lines[0]).toMatchObject({ line: 1, unitPrice: 10, quantity: 200 });
    expect(view.lines[0]).not.toHaveProperty('listPrice');
    expect(view.cancellation).toEqual({
      reason: 'Project cancelled',
      requestedAt: atMinute(5),
      approvedAt: atMinute(6),
    });
    expect(JSON.stringify(view)).not.toMatch(/factory\.example|Internal/);
  });

  it('shows the steps that changed what the customer sees, without who acted inside or their notes', () => {
    const shown = customerHistory(history);
    for (const entry of shown) expect(CustomerHistoryEntry.strict().safeParse(entry).success).toBe(true);
    expect(shown.map((entry) => entry.action)).toEqual([
      'placed',
      'accepted in initial review',
      'deposit recorded',
      'cancelled',
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/factory\.example|李伟|workflow|listPrice|finding/);
    // How PMC counted the promised date (promiseBasis) stays inside; the date itself is the customer's.
    expect(shown[2]?.changes?.map((change) => change.field)).toEqual(['depositReceivedOn', 'promisedDate', 'status']);
    expect(shown[3]?.changes).toEqual([
      { field: 'status', before: 'planning', after: 'cancelled' },
      {
        field: 'cancellation',
        after: { reason: 'Project cancelled', requestedAt: atMinute(5), approvedAt: atMinute(6) },
      },
      { field: 'lines', before: customerOrder(order).lines, after: customerOrder(order).lines },
    ]);
  });
});
