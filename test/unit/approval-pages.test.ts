import { describe, expect, it } from 'vitest';
import {
  approvalErrorPage,
  closedPage,
  confirmationPage,
  decidedPage,
  forPeople,
} from '../../shared/pages/approval.ts';
import type { Approval } from '../../shared/schemas/approval.ts';

const approval: Approval = {
  id: 'apr_1',
  flow: 'order-intake',
  step: 'merchandiser-review',
  ask: '订单初审 Initial order review (R2)',
  subject: { kind: 'order', id: 'ord_1', title: 'CNC001261201 华信门窗 (PO HX-1)' },
  role: 'merchandiser',
  assignee: 'wang.fang@factory.example',
  language: 'zh-CN',
  facts: [{ label: '审批权限 Authority (R16)', value: 'CZM04-SET 执手套装: 50 × ¥85.00 = ¥4,250.00' }],
  reminder: 0,
  status: 'pending',
  createdAt: '2026-11-30T23:30:00.000Z',
  expiresAt: '2026-12-01T16:30:00.000Z',
};
const decided: Approval = {
  ...approval,
  status: 'decided',
  decision: { outcome: 'approve', by: 'wang.fang@factory.example', at: '2026-12-01T06:05:00.000Z', channel: 'link' },
};

describe('the approval pages', () => {
  it('show no rule numbers to people, but keep the data as it is', () => {
    expect(forPeople('客户建档评审 Customer onboarding review (R10 checklist)')).toBe(
      '客户建档评审 Customer onboarding review (checklist)',
    );
    expect(forPeople('F2 order change (R11, R12)')).toBe('F2 order change');
    const page = confirmationPage(approval, '/approval-links/x');
    expect(page).not.toMatch(/\bR\d+\b/);
    expect(page).toContain('<h1>订单初审 Initial order review</h1>');
    expect(page).toContain('50 × ¥85.00');
    expect(page).toContain('2026-12-02 00:30 (Asia/Shanghai)');
  });

  it('bring a refused form back with the text kept and the problem beside the comment, in both languages', () => {
    const page = confirmationPage(approval, '/approval-links/x', {
      values: { comment: 'half written' },
      errors: [{ field: 'comment', message: 'is required to reject: give the reason in writing' }],
    });
    expect(page).toContain(
      '>half written</textarea><p class="error">拒绝时请写明理由。 To reject, give the reason in writing.',
    );
    expect(page).toContain('Nothing was decided yet');
    expect(page).not.toContain('comment:');
  });

  it('say after deciding what happens next and who acts, with who decided when in company time', () => {
    const page = decidedPage(decided);
    expect(page).toContain('The planner on duty reviews the order next');
    expect(page).toContain('接下来由值班的客服计划员进行汇审');
    expect(page).toContain('2026-12-01 14:05 (Asia/Shanghai)');
  });

  it('say who decided an already decided link and when; why a closed one closed; when an expired one expired', () => {
    const again = closedPage(decided, new Date('2026-12-01T07:00:00Z'));
    expect(again.status).toBe(409);
    expect(again.body).toContain('This was already decided');
    expect(again.body).toContain('CNC001261201 华信门窗 (PO HX-1)');
    expect(again.body).toContain('wang.fang@factory.example');
    expect(again.body).toContain('2026-12-01 14:05 (Asia/Shanghai)');

    const superseded = closedPage(
      { ...approval, status: 'closed', closedReason: 'superseded by a reminder' },
      new Date('2026-12-01T07:00:00Z'),
    );
    expect(superseded.status).toBe(410);
    expect(superseded.body).toContain('A newer reminder e-mail replaced this link');
    expect(superseded.body).toContain('已有一封更新的提醒邮件取代了这个链接');

    const expired = closedPage(approval, new Date('2026-12-02T00:00:00Z'));
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('This link expired on 2026-12-02 00:30 (Asia/Shanghai)');
  });

  it('answer an unknown link in both languages, without status codes', () => {
    const page = approvalErrorPage(404, 'There is no such approval link.');
    expect(page).toContain('链接无效 This link is not valid');
    expect(page).toContain('There is no such approval link. Check that it was copied whole');
    expect(page).not.toContain('404');
  });
});
