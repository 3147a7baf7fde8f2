import { describe, expect, it } from 'vitest';
import {
  type CodeAsked,
  codeMatches,
  codePattern,
  codeRules,
  codeState,
  issueCode,
  maskedEmail,
  newCode,
  type StoredCode,
} from '../../shared/domain/approval-code.ts';
import { termsChangeNeedsCode } from '../../shared/domain/customer-terms-change.ts';
import { cancellationNeedsCode } from '../../shared/domain/order-cancellation.ts';
import { approvalCodeEmail } from '../../shared/mail/approval-templates.ts';
import { codeStatus, confirmationPage } from '../../shared/pages/approval.ts';
import type { Approval } from '../../shared/schemas/approval.ts';
import { accountOwner } from '../../state-machines/kit/approvers.ts';
import { at } from '../../state-machines/kit/asl.ts';
import { hours } from '../../state-machines/kit/policy.ts';
import { defineWorkflow } from '../../state-machines/kit/workflow.ts';
import { orderCancellation } from '../../state-machines/order-cancellation.ts';

const now = new Date('2026-12-01T06:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

/** A code as issued at `now`, and the code itself. */
const issued = () => {
  const result = issueCode(undefined, now);
  if ('refused' in result) throw new Error('refused');
  return result;
};

describe('one-time codes (docs/decisions/approval-codes.md)', () => {
  it('are six digits from the CSPRNG, and only their salted hash is kept', () => {
    const codes = new Set(Array.from({ length: 200 }, newCode));
    for (const code of codes) expect(code).toMatch(codePattern);
    expect(codes.size).toBeGreaterThan(190);
    const { code, stored } = issued();
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored).toMatchObject({ triesLeft: 5, sent: 1, sentAt: now.toISOString() });
    expect(stored.validUntil).toBe(later(600).toISOString());
    // The same code under another salt hashes differently: a table copy holds no list of six-digit hashes.
    const other = issueCode(undefined, now) as { stored: StoredCode };
    expect(other.stored.salt).not.toBe(stored.salt);
  });

  it('match only the right code (compared as hashes in constant time)', () => {
    const { code, stored } = issued();
    expect(codeMatches(code, stored)).toBe(true);
    expect(codeMatches(` ${code} `, stored)).toBe(true);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(codeMatches(wrong, stored)).toBe(false);
    expect(codeMatches('', stored)).toBe(false);
  });

  it('are usable for ten minutes and five tries, then void', () => {
    const { stored } = issued();
    expect(codeState(stored, later(599))).toBe('usable');
    expect(codeState(stored, later(600))).toBe('expired');
    expect(codeState({ ...stored, triesLeft: 1 }, now)).toBe('usable');
    expect(codeState({ ...stored, triesLeft: 0 }, now)).toBe('used-up');
  });

  it('are sent again at most once a minute and five times an approval', () => {
    const { stored } = issued();
    expect(issueCode(stored, later(30))).toEqual({ refused: 'too-soon', nextAt: later(60).toISOString() });
    const second = issueCode(stored, later(60));
    expect(second).toMatchObject({ stored: { sent: 2, triesLeft: 5, validUntil: later(660).toISOString() } });
    expect(issueCode({ ...stored, sent: codeRules.perApproval }, later(3600))).toEqual({ refused: 'too-many' });
  });

  it('go to an address the page shows only in part', () => {
    expect(maskedEmail('he.jun@factory.example')).toBe('h***@factory.example');
    expect(maskedEmail('nobody')).toBe('***');
  });
});

describe('which decisions need a code', () => {
  it('R16: a cancellation above the sales manager’s limit (the general manager’s), not one within it', () => {
    expect(cancellationNeedsCode({ role: 'gm', limit: 50000 })).toBe(true);
    expect(cancellationNeedsCode({ role: 'gm' })).toBe(true);
    expect(cancellationNeedsCode({ role: 'leader', limit: 50000 })).toBe(false);
  });

  it('a credit limit raised by more than the threshold of its currency (any raise without one)', () => {
    const thresholds = { CNY: 100000 };
    const monthly = (creditLimit: number) => ({ type: 'monthly' as const, creditLimit });
    const change = (before: unknown, after: unknown) =>
      ({ before: { settlement: before }, requested: { settlement: after } }) as Parameters<
        typeof termsChangeNeedsCode
      >[0];
    expect(termsChangeNeedsCode(change(monthly(50000), monthly(150000)), 'CNY', thresholds)).toBe(false);
    expect(termsChangeNeedsCode(change(monthly(50000), monthly(150000.01)), 'CNY', thresholds)).toBe(true);
    // From paying before shipping (no credit) to monthly settlement: the whole limit is new credit.
    expect(termsChangeNeedsCode(change({ type: 'prepaid' }, monthly(200000)), 'CNY', thresholds)).toBe(true);
    expect(termsChangeNeedsCode(change(monthly(500000), monthly(100)), 'CNY', thresholds)).toBe(false);
    expect(termsChangeNeedsCode(change(monthly(500000), { type: 'prepaid' }), 'CNY', thresholds)).toBe(false);
    expect(termsChangeNeedsCode(change(monthly(100), monthly(101)), 'USD', thresholds)).toBe(true);
    expect(termsChangeNeedsCode({ before: {}, requested: { accountOwner: 'stf_x' } }, 'CNY', thresholds)).toBe(false);
  });

  it('is declared in the approval step and passed to request-approval from the state, on every request', () => {
    const states = orderCancellation.definition.States as Record<string, { Parameters?: { Payload?: object } }>;
    for (const name of ['Approval', 'ApprovalReminder', 'ApprovalEscalated']) {
      expect(states[name]?.Parameters?.Payload).toMatchObject({ 'needsCode.$': '$.cancellation.needsCode' });
    }
    expect(() =>
      defineWorkflow({
        name: 'test-flow',
        description: 'A test flow',
        worker: 'test-worker',
        subject: { kind: 'order', idField: 'orderId' },
        startedBy: { event: 'OrderPlaced', start: (e) => ({ id: e.subject.id, input: { orderId: e.subject.id } }) },
        startAt: 'Sign',
        states: ({ approval, succeed }) => ({
          ...approval('Sign', {
            step: 'sign',
            ask: 'Sign',
            subject: { kind: 'order', id: at('$.orderId'), title: at('$.title') },
            facts: at('$.facts'),
            assignee: { signers: [accountOwner(at('$.a')), accountOwner(at('$.b'))] },
            needsCode: at('$.needsCode'),
            wait: hours(24),
            resultPath: '$.signed',
            next: 'Done',
            lapse: 'Done',
          }),
          Done: succeed(),
        }),
      }),
    ).toThrow(/not of a sign-off group/);
  });
});

const approval: Approval = {
  id: 'apr_1',
  flow: 'order-cancellation',
  step: 'cancellation-approval',
  ask: '订单取消审批 Approve the cancellation of an order (R16)',
  subject: { kind: 'order', id: 'ord_1', title: 'CNC001261201 华信门窗 (PO HX-1)' },
  role: 'gm',
  assignee: 'he.jun@factory.example',
  needsCode: true,
  language: 'zh-CN',
  facts: [{ label: '金额 Total', value: '¥85,000.00' }],
  reminder: 0,
  status: 'pending',
  createdAt: '2026-11-30T23:30:00.000Z',
  expiresAt: '2026-12-01T23:30:00.000Z',
};

describe('the pages and the e-mail of the code', () => {
  const asked = (more: Partial<CodeAsked>) =>
    ({
      sentTo: 'h***@factory.example',
      outcome: 'reject',
      state: 'sent',
      validUntil: later(600).toISOString(),
      ...more,
    }) as CodeAsked;

  it('say before deciding that a code will be e-mailed, and to which address in part', () => {
    const page = confirmationPage(approval, '/approval-links/x');
    expect(page).toContain('h***@factory.example');
    expect(page).toContain('A decision of this size needs a one-time code');
    expect(page).not.toContain('name="code"');
  });

  it('ask for the code keeping the decision chosen, the comment and the values typed', () => {
    const page = confirmationPage(approval, '/approval-links/x', {
      values: { comment: '客户仍需要 Still needed' },
      code: asked({}),
    });
    expect(page).toContain('name="code"');
    expect(page).toContain('autocomplete="one-time-code"');
    expect(page).toContain('<input type="hidden" name="outcome" value="reject">');
    expect(page).toContain('客户仍需要 Still needed</textarea>');
    expect(page).toContain('验证码已发送至 h***@factory.example');
    expect(page).toContain(
      'A code was sent to h***@factory.example; it is valid for 10 minutes (until 2026-12-01 14:10',
    );
    expect(page).toContain('name="resend"');
    expect(page).not.toContain('value="approve"');
  });

  it('say how many tries are left, that a void code needs a new one, and when a new one may be sent', () => {
    expect(confirmationPage(approval, '/x', { code: asked({ state: 'wrong', triesLeft: 3 }) })).toContain(
      'That code is not right: 3 tries left.',
    );
    expect(confirmationPage(approval, '/x', { code: asked({ state: 'void' }) })).toContain('send a new code');
    expect(
      confirmationPage(approval, '/x', { code: asked({ state: 'too-soon', nextAt: later(60).toISOString() }) }),
    ).toContain('ask for a new one after 2026-12-01 14:01');
    expect(codeStatus(asked({ state: 'sent' }))).toBe(202);
    expect(codeStatus(asked({ state: 'enter' }))).toBe(202);
    expect(codeStatus(asked({ state: 'wrong', triesLeft: 1 }))).toBe(400);
    expect(codeStatus(asked({ state: 'void' }))).toBe(400);
    expect(codeStatus(asked({ state: 'too-many' }))).toBe(429);
  });

  it('mail the code with what it decides, how long it works, and what to do if it was not asked for', () => {
    const mail = approvalCodeEmail(approval, '042917', later(600).toISOString());
    expect(mail.subject).toContain('CNC001261201 华信门窗 (PO HX-1)');
    expect(mail.subject).not.toContain('042917');
    expect(mail.subject).not.toMatch(/\bR\d+\b/);
    expect(mail.text).toContain('042917');
    expect(mail.text).toContain('valid for 10 minutes, until 2026-12-01 14:10');
    expect(mail.text).toContain('If you did not ask for this');
  });
});
