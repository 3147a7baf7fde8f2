import { describe, expect, it } from 'vitest';
import {
  customerCancellationRequest,
  customerChangeRequest,
  customerHistory,
  customerOrder,
  customerRevision,
} from '../../shared/domain/customer-view.ts';
import { refuseCancellation, requestCancellation, withAuthority } from '../../shared/domain/order-cancellation.ts';
import { applyChange, firstRevision, modificationForm, requestChange } from '../../shared/domain/order-change.ts';
import { accepted, depositRecorded, moveOrder } from '../../shared/domain/order-intake.ts';
import { CustomerCancellationRequest } from '../../shared/schemas/cancellation.ts';
import { CustomerChangeRequest, CustomerOrderRevision } from '../../shared/schemas/change-request.ts';
import { CustomerHistoryEntry, CustomerOrder, type HistoryEntry } from '../../shared/schemas/order.ts';
import { activeCustomer, atMinute, nextTestId, placedOrder, productsByCode, testParties } from '../fixtures.ts';

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
      'confirmed with its deposit',
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

const pmc = 'chen.jie@factory.example';
const planner = 'zhao.lei@factory.example';
const manager = 'xu.ming@factory.example';
/** Nothing of the company's own: no staff address, no findings, no list prices, no authority. */
const internal = /factory\.example|finding|listPrice|authority|assessedBy|requestedBy|decidedBy|approvedBy|"by"/;

/** Parsing strips unknown keys at every depth: a view equal to its parse has nothing the schema does not list. */
const expectExactly = (schema: { parse: (value: unknown) => unknown }, view: unknown) =>
  expect(schema.parse(view)).toEqual(view);

describe("a customer's view of its order's change requests and revisions (R11–R15)", () => {
  // A merchandiser asks, for the customer, to order more of line 1 at a quoted price below the list price: a finding.
  const promised = { ...order, status: 'in_production' as const, promisedDate: '2027-03-01' };
  const { changeRequest: asked } = requestChange(
    promised,
    { reason: 'more rods', lines: [{ op: 'change', line: 1, quantity: 300 }] },
    { customer: activeCustomer, products: productsByCode, now: atMinute(10), actor: merchandiser, newId: nextTestId },
  );
  const form = modificationForm(promised, asked, { assessedBy: pmc, promisedDate: '2027-03-10', now: atMinute(11) });
  const assessed = { ...asked, status: 'awaiting_approval' as const, form };
  const applied = applyChange(
    promised,
    assessed,
    { approvedBy: planner, parties: testParties, departments: [] },
    { now: atMinute(12), actor: planner, newId: nextTestId },
  );

  it('keeps what was asked, the terms before and after and how it ended; not the findings, prices or staff', () => {
    expect(asked.findings.length).toBeGreaterThan(0);
    expect(asked.proposed.lines[0]).toHaveProperty('listPrice');
    const view = customerChangeRequest(applied.changeRequest);
    expectExactly(CustomerChangeRequest, view);
    expect(CustomerChangeRequest.strict().safeParse(view).error).toBeUndefined();
    expect(view).toMatchObject({
      id: asked.id,
      status: 'applied',
      reason: 'more rods',
      request: { lines: [{ op: 'change', line: 1, quantity: 300 }] },
      touchedLines: [1],
      current: { lines: [{ line: 1, quantity: 200 }] },
      proposed: { lines: [{ line: 1, quantity: 300 }] },
      form: { fromRevision: 1, toRevision: 2, after: { promisedDate: '2027-03-10' } },
      outcome: { at: atMinute(12), reason: 'approved', revision: 2 },
    });
    expect(view.differences.map((d) => d.change)).toEqual(['changed']);
    for (const field of ['findings', 'requestedBy']) expect(view).not.toHaveProperty(field);
    expect(view.form).not.toHaveProperty('assessedBy');
    expect(view.outcome).not.toHaveProperty('by');
    expect(JSON.stringify(view)).not.toMatch(internal);
  });

  it('shows each revision with its terms, when and why, but not who asked or approved it', () => {
    const revisions = [firstRevision(promised), applied.revision].map(customerRevision);
    for (const revision of revisions) {
      expectExactly(CustomerOrderRevision, revision);
      expect(CustomerOrderRevision.strict().safeParse(revision).error).toBeUndefined();
    }
    expect(revisions.map((r) => [r.revision, r.reason, r.changeRequestId])).toEqual([
      [1, 'placed', undefined],
      [2, 'more rods', asked.id],
    ]);
    expect(revisions[1]?.lines[0]).toMatchObject({ line: 1, quantity: 300 });
    expect(JSON.stringify(revisions)).not.toMatch(internal);
  });
});

describe("a customer's view of its cancellation request (R16)", () => {
  const waiting = { ...order, status: 'planning' as const, cancellation: undefined };
  const { cancellation } = requestCancellation(
    waiting,
    { reason: 'Project cancelled' },
    {
      now: atMinute(20),
      actor: merchandiser,
      newId: nextTestId,
    },
  );
  const weighed = withAuthority(cancellation, { role: 'leader', limit: 50_000 }, atMinute(21));
  const refused = refuseCancellation(
    waiting,
    weighed,
    { by: manager, at: atMinute(22), reason: 'Materials already bought; please call us' },
    testParties,
    { now: atMinute(22), actor: manager, newId: nextTestId },
  ).cancellation;

  it('keeps the reason, where it stands and the written decision; not who asked or decided, nor the authority', () => {
    for (const request of [cancellation, weighed, refused]) {
      const view = customerCancellationRequest(request);
      expectExactly(CustomerCancellationRequest, view);
      expect(CustomerCancellationRequest.strict().safeParse(view).error).toBeUndefined();
      expect(JSON.stringify(view)).not.toMatch(internal);
    }
    expect(customerCancellationRequest(refused)).toEqual({
      id: cancellation.id,
      orderId: order.id,
      orderNumber: order.number,
      customerId: order.customerId,
      reason: 'Project cancelled',
      status: 'refused',
      amount: order.totals.amount,
      currency: order.currency,
      requestedAt: atMinute(20),
      decidedAt: atMinute(22),
      decisionReason: 'Materials already bought; please call us',
      updatedAt: atMinute(22),
      version: refused.version,
    });
  });
});
