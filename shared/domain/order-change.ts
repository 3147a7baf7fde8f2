import type {
  ChangeRequest,
  ChangeRequestStatus,
  LineDifference,
  ModificationForm,
  NewChangeRequest,
  OrderRevision,
  OrderTerms,
} from '../schemas/change-request.ts';

import type { Language } from '../schemas/common.ts';
import type { HistoryEntry, Order, OrderLine } from '../schemas/order.ts';
import { Conflict, type FieldIssue, ValidationFailed } from './errors.ts';
import { domainEvent, type EventContext, type EventOf, edited, fieldChanges, sameValue } from './events.ts';
import { statusesOpenTo, whyClosedTo } from './order-closed.ts';
import { ended, type OrderParties } from './order-intake.ts';
import { promisedUnshippedStatuses } from './order-status.ts';
import { assessTerms, type NumberedLine, type TermsContext, writtenLine } from './order-terms.ts';

export type ChangeRequested = EventOf<'ChangeRequested'>;
/** R13: a change request ended unapplied; the customer is told why, in writing. */
export type ChangeRequestEnded = EventOf<'ChangeRequestRefused' | 'ChangeRequestLapsed' | 'ChangeRequestWithdrawn'>;
/** R14: the order became its next revision; PMC, production and the customer are told. */
export type OrderChanged = EventOf<'OrderChanged'>;

/** A change request waits for PMC or the planner; every other status has ended it. */
export const changeRequestIsOpen = (status: ChangeRequestStatus) =>
  status === 'assessing' || status === 'awaiting_approval';

/**
 * R11: changes are taken once PMC has promised a date and until the order ends or has shipped in full; what production
 * has started or finished no longer changes (R12), so a partly shipped order changes only in what has not shipped.
 */
const takesChanges: readonly Order['status'][] = promisedUnshippedStatuses;

/** R11: the statuses a change may be asked in, checked again in the request's own write. */
export const changeableStatuses = statusesOpenTo('change', (status) => takesChanges.includes(status));

export function termsOf(order: Order): OrderTerms {
  const { lines, requestedDate, deliveryAddress, deliveryContact, totals, promisedDate } = order;
  return {
    lines,
    requestedDate,
    ...(deliveryAddress ? { deliveryAddress } : {}),
    ...(deliveryContact ? { deliveryContact } : {}),
    totals,
    ...(promisedDate ? { promisedDate } : {}),
  };
}

/** Why the order takes no change now (ended, merged, shipped — as for a cancellation — or still in intake), if so. */
export function whyNotChangeable(order: Pick<Order, 'number' | 'status' | 'mergedInto'>) {
  const closed = whyClosedTo('change', order);
  if (closed || changeableStatuses.includes(order.status)) return closed;
  return `Order ${order.number} is still in intake (${order.status}). Changes are taken once PMC has promised a date (R5); until then the merchandiser can reject the order with your reasons and you can place it again.`;
}

function refuseUnlessChangeable(order: Order) {
  const refusal = whyNotChangeable(order);
  if (refusal) throw new Conflict(refusal);
}

/** The lines as the change request writes them: R11's changes applied to the current lines, numbers kept. */
function changedLines(order: Order, changes: NewChangeRequest['lines'] = []) {
  const issues: FieldIssue[] = [];
  const lines = new Map<number, NumberedLine>(order.lines.map((line) => [line.line, writtenLine(line)]));
  const seen = new Set<number>();
  let nextLine = Math.max(0, ...order.lines.map((line) => line.line)) + 1;
  changes.forEach((change, i) => {
    if (change.op === 'add') {
      const { op: _, ...added } = change;
      lines.set(nextLine, { ...added, line: nextLine });
      nextLine += 1;
      return;
    }
    const current = lines.get(change.line);
    if (!current || seen.has(change.line)) {
      issues.push({
        field: `lines.${i}.line`,
        message: seen.has(change.line) ? 'is changed twice in this request' : `is not a line of order ${order.number}`,
      });
      return;
    }
    seen.add(change.line);
    if (change.op === 'remove') lines.delete(change.line);
    else {
      const { op: _, line: __, ...values } = change;
      lines.set(change.line, { ...current, ...values });
    }
  });
  if (lines.size === 0) issues.push({ field: 'lines', message: 'would leave the order without lines' });
  if (issues.length) throw new ValidationFailed(issues);
  return [...lines.values()];
}

const amounts = (line: OrderLine) => ({
  quantity: line.quantity,
  ...(line.unitPrice === undefined ? {} : { unitPrice: line.unitPrice }),
  ...(line.amount === undefined ? {} : { amount: line.amount }),
});

/** R14: each line before and after, in line order. */
export function lineDifferences(before: readonly OrderLine[], after: readonly OrderLine[]): LineDifference[] {
  const numbers = [...new Set([...before, ...after].map((line) => line.line))].sort((a, b) => a - b);
  return numbers.map((number) => {
    const old = before.find((line) => line.line === number);
    const now = after.find((line) => line.line === number);
    const line = (now ?? old) as OrderLine;
    const same = old && now && sameValue(writtenLine(old), writtenLine(now));
    return {
      line: number,
      productCode: line.productCode,
      ...(line.productName ? { productName: line.productName } : {}),
      change: !old ? 'added' : !now ? 'removed' : same ? 'unchanged' : 'changed',
      ...(old ? { before: amounts(old) } : {}),
      ...(now ? { after: amounts(now) } : {}),
    };
  });
}

/**
 * R11: a change request is taken, reviewed by the same rules as a new order (R2) and shown as the proposed order
 * beside the current one. It then waits for PMC's assessment (R12).
 */
export function requestChange(order: Order, input: NewChangeRequest, context: EventContext & TermsContext) {
  refuseUnlessChangeable(order);
  const { reason, ...request } = input;
  const written = {
    ...order,
    ...request,
    lines: changedLines(order, request.lines),
  };
  const assessed = assessTerms(written, context);
  const current = termsOf(order);
  const { lines: _changes, ...otherChanges } = request;
  const proposed: OrderTerms = {
    ...termsOf({ ...order, ...otherChanges }),
    lines: assessed.lines,
    totals: assessed.totals,
  };
  const differences = lineDifferences(current.lines, proposed.lines);
  const touchedLines = differences.filter((d) => d.change === 'changed' || d.change === 'removed').map((d) => d.line);
  const { lines: _current, ...currentRest } = current;
  const { lines: _proposed, ...proposedRest } = proposed;
  if (differences.every((d) => d.change === 'unchanged') && fieldChanges(currentRest, proposedRest).length === 0) {
    throw new ValidationFailed([{ field: 'lines', message: 'change nothing: the order already reads so' }]);
  }
  const changeRequest: ChangeRequest = {
    id: `chg_${context.newId()}`,
    orderId: order.id,
    orderNumber: order.number,
    customerId: order.customerId,
    baseRevision: order.revision,
    reason,
    request,
    current,
    proposed,
    differences,
    touchedLines,
    findings: assessed.findings,
    status: 'assessing',
    requestedBy: context.actor,
    createdAt: context.now,
    updatedAt: context.now,
    version: 1,
  };
  const event: ChangeRequested = domainEvent(
    'ChangeRequested',
    { kind: 'order', id: order.id },
    { changeRequest },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: context.actor,
    action: 'change requested',
    note: `${changeRequest.id}: ${reason}`,
  };
  return { changeRequest, event, history };
}

/** R12: the lines the change would alter that production has started meanwhile. */
export function linesInProduction(order: Order, changeRequest: Pick<ChangeRequest, 'touchedLines'>) {
  return order.lines.filter((line) => line.productionStartedAt && changeRequest.touchedLines.includes(line.line));
}

const obstacles = {
  en: {
    ended: (number: string, status: string) => `Order ${number} was ${status} meanwhile.`,
    revised: (number: string, revision: number) =>
      `Order ${number} changed meanwhile (now revision ${revision}); ask again against it.`,
    inProduction: (lines: string[]) => `Already in production, so it can no longer change (R12): ${lines.join(', ')}.`,
    line: (line: number, code: string, since?: string) => `line ${line} (${code}, since ${since})`,
  },
  'zh-CN': {
    ended: (number: string, status: string) => `订单 ${number} 已${status === 'cancelled' ? '取消' : '合并或结束'}。`,
    revised: (number: string, revision: number) =>
      `订单 ${number} 已有新版本（第 ${revision} 版），请按新版本重新申请。`,
    inProduction: (lines: string[]) => `以下行已投产，无法变更（R12）：${lines.join('；')}。`,
    line: (line: number, code: string, since?: string) => `第 ${line} 行（${code}，投产于 ${since}）`,
  },
} satisfies Record<Language, unknown>;

/**
 * Why the change can no longer be applied to the order as it is now, or undefined when it can: the order ended
 * (withdrawn), another change made a new revision first, or a line it touches went into production (R12). The
 * reason is written for the customer, in the customer's language (R13).
 */
export function obstacleTo(order: Order, changeRequest: ChangeRequest, language: Language = 'en') {
  const say = obstacles[language];
  if (ended(order)) return { status: 'withdrawn' as const, reason: say.ended(order.number, order.status) };
  if (order.revision !== changeRequest.baseRevision) {
    return { status: 'refused' as const, reason: say.revised(order.number, order.revision) };
  }
  const started = linesInProduction(order, changeRequest);
  if (started.length) {
    const list = started.map((line) => say.line(line.line, line.productCode, line.productionStartedAt));
    return { status: 'refused' as const, reason: say.inProduction(list), lines: started.map((line) => line.line) };
  }
  return undefined;
}

/** R14: the contract modification form, prepared once PMC found the change feasible (and gave its date). */
export function modificationForm(
  order: Order,
  changeRequest: ChangeRequest,
  { assessedBy, promisedDate, now }: { assessedBy: string; promisedDate?: string; now: string },
): ModificationForm {
  const { lines: before, ...beforeRest } = termsOf(order);
  const { lines: _after, ...afterRest } = changeRequest.proposed;
  return {
    orderNumber: order.number,
    fromRevision: order.revision,
    toRevision: order.revision + 1,
    lines: lineDifferences(before, changeRequest.proposed.lines),
    before: beforeRest,
    after: { ...afterRest, ...(promisedDate && order.promisedDate ? { promisedDate } : {}) },
    reason: changeRequest.reason,
    requestedBy: changeRequest.requestedBy,
    requestedAt: changeRequest.createdAt,
    assessedBy,
    preparedAt: now,
  };
}

/** A change request moves on (or ends), its version with it. */
export function changeRequestAt(
  changeRequest: ChangeRequest,
  status: ChangeRequestStatus,
  now: string,
  more: Partial<ChangeRequest> = {},
): ChangeRequest {
  return { ...changeRequest, ...more, status, updatedAt: now, version: changeRequest.version + 1 };
}

/** R13: the change request ends unapplied, with the reason in writing (and the lines that could not change). */
export function endChange(
  order: Order,
  changeRequest: ChangeRequest,
  end: { status: 'refused' | 'rejected' | 'lapsed' | 'withdrawn'; by: string; reason: string; lines?: number[] },
  parties: OrderParties,
  context: EventContext,
) {
  const outcome = {
    by: end.by,
    at: context.now,
    reason: end.reason,
    ...(end.lines?.length ? { lines: end.lines } : {}),
  };
  const ended = changeRequestAt(changeRequest, end.status, context.now, { outcome });
  const type =
    end.status === 'lapsed'
      ? 'ChangeRequestLapsed'
      : end.status === 'withdrawn'
        ? 'ChangeRequestWithdrawn'
        : 'ChangeRequestRefused';
  const event: ChangeRequestEnded = domainEvent(
    type,
    { kind: 'order', id: order.id },
    { changeRequest: ended, parties },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: end.by,
    action: `change ${end.status}`,
    note: `${changeRequest.id}: ${end.reason}`,
  };
  return { changeRequest: ended, event, history };
}

/** R24: a split that no longer adds up to the changed lines is dropped (the merchandiser splits again). */
function deliveriesAfter(order: Order, lines: readonly OrderLine[]) {
  if (!order.deliveries) return undefined;
  const fits = lines.every(
    (line) =>
      order.deliveries
        ?.flatMap((d) => d.lines)
        .filter((l) => l.line === line.line)
        .reduce((sum, l) => sum + l.quantity, 0) === line.quantity,
  );
  return fits ? order.deliveries : undefined;
}

/**
 * R14, R15: the approved form makes the order its next revision — lines, amounts, deposit due and promised date
 * follow it — and the revision is kept with who asked and who approved. Lines the change did not touch stay as
 * they are (with any production start recorded since).
 */
export function applyChange(
  order: Order,
  changeRequest: ChangeRequest,
  { approvedBy, parties, departments }: { approvedBy: string; parties: OrderParties; departments: string[] },
  context: EventContext,
) {
  const form = changeRequest.form;
  if (!form) throw new Conflict(`Change request ${changeRequest.id} has no approved modification form.`);
  const lines = changeRequest.proposed.lines.map((line) =>
    changeRequest.touchedLines.includes(line.line) ? line : (order.lines.find((l) => l.line === line.line) ?? line),
  );
  const { promisedDate, totals, requestedDate, deliveryAddress, deliveryContact } = form.after;
  const deliveries = deliveriesAfter(order, lines);
  const changes: Partial<Order> = {
    lines,
    totals,
    requestedDate,
    ...(deliveryAddress ? { deliveryAddress } : {}),
    ...(deliveryContact ? { deliveryContact } : {}),
    ...(promisedDate ? { promisedDate } : {}),
    revision: form.toRevision,
  };
  const changed = fieldChanges(order, changes);
  const revised = edited(order, changed, context.now, context.actor);
  if (order.deliveries && !deliveries) delete revised.deliveries;
  const revision: OrderRevision = {
    ...termsOf(revised),
    revision: form.toRevision,
    at: context.now,
    by: changeRequest.requestedBy,
    approvedBy,
    changeRequestId: changeRequest.id,
    reason: changeRequest.reason,
    differences: form.lines,
  };
  const applied = changeRequestAt(changeRequest, 'applied', context.now, {
    outcome: { by: approvedBy, at: context.now, reason: 'approved', revision: form.toRevision },
  });
  const event: OrderChanged = domainEvent(
    'OrderChanged',
    { kind: 'order', id: order.id },
    { order: revised, changeRequest: applied, revision, parties, departments },
    context,
  );
  const history: HistoryEntry = {
    at: context.now,
    actor: approvedBy,
    action: `changed to revision ${form.toRevision}`,
    changes: changed,
    note: `${changeRequest.id} asked by ${changeRequest.requestedBy}, assessed by ${form.assessedBy}, approved by ${approvedBy}: ${changeRequest.reason}${order.deliveries && !deliveries ? ' (the delivery split no longer matched the lines and was cleared)' : ''}`,
  };
  return { order: revised, revision, changeRequest: applied, event, history };
}

/** R15: revision 1 is the order as placed. */
export function firstRevision(order: Order): OrderRevision {
  return { ...termsOf(order), revision: 1, at: order.createdAt, by: order.createdBy, reason: 'placed' };
}
