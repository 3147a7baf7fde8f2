import { describe, expect, it } from 'vitest';
import {
  AlreadyDecided,
  ApprovalGone,
  approvalLink,
  approvalLinkParts,
  closedBecause,
  decide,
  linkHash,
  newLinkSecret,
  openApproval,
  taskOutput,
} from '../../shared/domain/approval.ts';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { linkSecretPattern } from '../../shared/domain/named-links.ts';
import { ApprovalRequest } from '../../shared/schemas/approval.ts';

const now = new Date('2026-11-02T08:00:00Z');
const request = ApprovalRequest.parse({
  flow: 'customer-onboarding',
  step: 'merchandiser-review',
  ask: 'Customer onboarding review',
  subject: { kind: 'customer', id: 'cus_1', title: '101 Huaxin' },
  role: 'merchandiser',
  assignee: 'wang.fang@factory.example',
  expiresInSeconds: 3600,
});
const pending = openApproval(request, { id: 'apr_1', now });
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const by = { by: 'wang.fang@factory.example', channel: 'link' as const };

describe('approval links', () => {
  it('are 256-bit secrets of which only a hash is kept', () => {
    const secret = newLinkSecret();
    expect(secret).toMatch(linkSecretPattern);
    expect(newLinkSecret()).not.toBe(secret);
    expect(linkHash(secret)).not.toContain(secret);
    expect(linkHash(secret)).toBe(linkHash(secret));
    const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(linkHash(altered)).not.toBe(linkHash(secret));
  });

  it('name their approval beside the secret; a link of the secret alone still reads', () => {
    const secret = newLinkSecret();
    const id = 'apr_Xy-9_kQ2mPZbT7nLd0WcVfHs4RjEuA1o';
    expect(approvalLinkParts(approvalLink(id, secret))).toEqual({ approvalId: id, secret });
    expect(approvalLinkParts(secret)).toEqual({ secret });
    for (const wrong of ['nonsense', `${id}.`, `${id}.${secret}x`, `cus_1.${secret}`, `${id}/${secret}`, '']) {
      expect(approvalLinkParts(wrong)).toBeUndefined();
    }
  });
});

describe('deciding an approval', () => {
  it('opens pending, with its expiry', () => {
    expect(pending).toMatchObject({
      status: 'pending',
      reminder: 0,
      language: 'zh-CN',
      expiresAt: '2026-11-02T09:00:00.000Z',
    });
  });

  it('records who decided what, when and through which channel', () => {
    const decided = decide(pending, { outcome: 'approve', comment: 'checked' }, { ...by, now: at(5) });
    expect(decided.status).toBe('decided');
    expect(decided.decision).toEqual({ outcome: 'approve', comment: 'checked', ...by, at: at(5).toISOString() });
    expect(taskOutput(decided)).toEqual({
      approvalId: 'apr_1',
      outcome: 'approve',
      comment: 'checked',
      values: {},
      decidedBy: by.by,
      decidedAt: at(5).toISOString(),
    });
  });

  it('needs a written reason to reject (R13)', () => {
    expect(() => decide(pending, { outcome: 'reject' }, { ...by, now: at(5) })).toThrow(ValidationFailed);
  });

  it("needs the values its form asks for, such as PMC's promised date (R5), each problem named", () => {
    const dated = { ...pending, form: 'promised-date' as const };
    const problems = (values?: Record<string, unknown>) => {
      try {
        decide(dated, { outcome: 'approve', ...(values ? { values } : {}) }, { ...by, now: at(5) });
      } catch (error) {
        return (error as ValidationFailed).errors;
      }
    };
    expect(problems()).toEqual([{ field: 'values.promisedDate', message: 'is required' }]);
    expect(problems({ promisedDate: '20.12.2026' })).toEqual([
      { field: 'values.promisedDate', message: 'must be a date (YYYY-MM-DD)' },
    ]);
    const decided = decide(
      dated,
      { outcome: 'approve', values: { promisedDate: '2026-12-20' } },
      { ...by, now: at(5) },
    );
    expect(decided.decision?.values).toEqual({ promisedDate: '2026-12-20' });
    expect(taskOutput(decided).values).toEqual({ promisedDate: '2026-12-20' });
    // A refusal needs no values and keeps none.
    expect(decide(dated, { outcome: 'reject', comment: 'No capacity' }, { ...by, now: at(5) }).decision?.values).toBe(
      undefined,
    );
  });

  it('checks amounts to the cent and optional fields only when given', () => {
    const deposit = { ...pending, form: 'deposit-received' as const };
    const decideWith = (values: Record<string, unknown>) =>
      decide(deposit, { outcome: 'approve', values }, { ...by, now: at(5) });
    expect(decideWith({ receivedOn: '2026-11-02' }).decision?.values).toEqual({ receivedOn: '2026-11-02' });
    expect(
      decideWith({ receivedOn: '2026-11-02', amount: 1530.5, reference: 'CMB-2026-1201' }).decision?.values,
    ).toEqual({ receivedOn: '2026-11-02', amount: 1530.5, reference: 'CMB-2026-1201' });
    expect(() => decideWith({ receivedOn: '2026-11-02', amount: 10.005 })).toThrow(ValidationFailed);
    expect(() => decideWith({ receivedOn: '2026-11-02', amount: -1 })).toThrow(ValidationFailed);
    expect(() => decideWith({ receivedOn: '2026-11-02', reference: 'x' })).toThrow(ValidationFailed);
  });

  it('refuses dates that make no sense, naming the field: a promise before today, a deposit received in the future', () => {
    const problems = (form: 'promised-date' | 'changed-promised-date' | 'deposit-received', values: object) => {
      try {
        decide({ ...pending, form }, { outcome: 'approve', values: { ...values } }, { ...by, now: at(5) });
        return [];
      } catch (error) {
        return (error as ValidationFailed).errors;
      }
    };
    // Today is 2026-11-02 in the company's time zone (08:05 UTC is 16:05 in Shanghai).
    expect(problems('promised-date', { promisedDate: '2026-11-01' })).toEqual([
      { field: 'values.promisedDate', message: 'is before today (2026-11-02): it must be today or a later day' },
    ]);
    expect(problems('changed-promised-date', { promisedDate: '2025-01-01' })).toHaveLength(1);
    expect(problems('promised-date', { promisedDate: '2026-11-02' })).toEqual([]);
    expect(problems('deposit-received', { receivedOn: '2026-11-03' })).toEqual([
      { field: 'values.receivedOn', message: 'is after today (2026-11-02): it cannot be a day still to come' },
    ]);
    expect(problems('deposit-received', { receivedOn: '2026-10-30' })).toEqual([]);
    // The company's day, not UTC's: at 17:00 UTC it is already the 3rd in Shanghai.
    const evening = new Date('2026-11-02T17:00:00Z');
    expect(
      decide(
        { ...pending, form: 'deposit-received', expiresAt: '2026-11-04T00:00:00Z' },
        { outcome: 'approve', values: { receivedOn: '2026-11-03' } },
        { ...by, now: evening },
      ).decision?.values,
    ).toEqual({ receivedOn: '2026-11-03' });
  });

  it('decides once: a second decision, an expired or a closed approval is refused', () => {
    const decided = decide(pending, { outcome: 'approve' }, { ...by, now: at(5) });
    expect(() => decide(decided, { outcome: 'approve' }, { ...by, now: at(6) })).toThrow(AlreadyDecided);
    expect(() => decide(pending, { outcome: 'approve' }, { ...by, now: at(60) })).toThrow(ApprovalGone);
    expect(
      closedBecause({ ...pending, status: 'closed', closedReason: 'superseded by a reminder' }, at(1))?.status,
    ).toBe(410);
    expect(closedBecause(pending, at(59))).toBeUndefined();
  });
});
