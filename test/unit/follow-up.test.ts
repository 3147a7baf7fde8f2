import { describe, expect, it } from 'vitest';
import { approvalDue, digests, type PendingApproval, stuckAfterDays } from '../../shared/domain/follow-up.ts';
import { followUpEmail } from '../../shared/mail/follow-up-templates.ts';

const approval = (id: string, assignee: string, createdAt: string, more: Partial<PendingApproval> = {}) =>
  ({
    id,
    ask: `Review ${id}`,
    subject: { kind: 'order', id: `ord_${id}`, title: `Order ${id}` },
    assignee,
    createdAt,
    expiresAt: new Date(Date.parse(createdAt) + 2 * 86_400_000).toISOString(),
    reminder: 0,
    ...more,
  }) as PendingApproval;

const leaders: Record<string, string> = { 'wang@f.example': 'xu@f.example', 'li@f.example': 'xu@f.example' };
const leaderOf = (person: string) => leaders[person];

describe('the daily follow-up (R7)', () => {
  it('an approval is due when its request stops waiting; a reminder or an escalation was due when asked', () => {
    expect(approvalDue(approval('a', 'wang@f.example', '2026-12-01T02:00:00Z'))).toBe('2026-12-03');
    expect(approvalDue(approval('a', 'wang@f.example', '2026-12-01T02:00:00Z', { reminder: 1 }))).toBe('2026-12-01');
    expect(
      approvalDue(approval('a', 'wang@f.example', '2026-12-01T02:00:00Z', { escalatedFrom: 'li@f.example' })),
    ).toBe('2026-12-01');
  });

  it('gives nobody with nothing waiting a digest', () => {
    expect(digests({ pending: [], overdue: [], openOrders: [] }, '2026-12-10', leaderOf)).toEqual([]);
    // An order that moved yesterday is not stuck, and nothing is late yet.
    const fresh = digests(
      {
        pending: [],
        overdue: [{ kind: 'complaint', owner: 'li@f.example', label: 'CP1', due: '2026-12-10' }],
        openOrders: [
          { number: 'O1', status: 'planning', updatedAt: '2026-12-09T02:00:00Z', merchandiser: 'wang@f.example' },
        ],
      },
      '2026-12-10',
      leaderOf,
    );
    expect(fresh).toEqual([]);
  });

  it('lists each person their pending and overdue items oldest first with how late, and their leader the team', () => {
    const [wang, xu, ...others] = digests(
      {
        pending: [
          approval('new', 'wang@f.example', '2026-12-09T02:00:00Z'),
          approval('old', 'wang@f.example', '2026-12-01T02:00:00Z'),
        ],
        overdue: [
          { kind: 'complaint', owner: 'Wang@f.example', label: 'CP2', due: '2026-12-05' },
          { kind: 'promised-date', owner: 'wang@f.example', label: 'O9', due: '2026-12-08' },
        ],
        openOrders: [],
      },
      '2026-12-10',
      leaderOf,
    );
    expect(others).toEqual([]);
    expect(wang?.person).toBe('wang@f.example');
    expect(wang?.pending.map((a) => a.id)).toEqual(['new']);
    expect(wang?.overdue.map((i) => [i.label, i.daysLate])).toEqual([
      ['Review old — Order old', 7],
      ['CP2', 5],
      ['O9', 2],
    ]);
    expect(wang?.overdue[0]?.approval?.id).toBe('old');
    expect(xu?.person).toBe('xu@f.example');
    expect(xu?.team.map((i) => [i.owner.toLowerCase(), i.daysLate])).toEqual([
      ['wang@f.example', 7],
      ['wang@f.example', 5],
      ['wang@f.example', 2],
    ]);
    expect(xu?.pending).toEqual([]);
  });

  it(`finds a merchandiser's orders stuck after ${stuckAfterDays} days without a step, longest first`, () => {
    const [wang] = digests(
      {
        pending: [],
        overdue: [],
        openOrders: [
          { number: 'O1', status: 'planning', updatedAt: '2026-12-05T02:00:00Z', merchandiser: 'wang@f.example' },
          { number: 'O2', status: 'in_production', updatedAt: '2026-11-20T02:00:00Z', merchandiser: 'wang@f.example' },
          { number: 'O3', status: 'planning', updatedAt: '2026-12-06T02:00:00Z', merchandiser: 'wang@f.example' },
        ],
      },
      '2026-12-10',
      leaderOf,
    );
    expect(wang?.stuck.map((o) => [o.number, o.daysStill, o.lastStepOn])).toEqual([
      ['O2', 20, '2026-11-20'],
      ['O1', 5, '2026-12-05'],
    ]);
    expect(wang?.team).toEqual([]);
  });

  it("mails the overdue items oldest first, the person's approvals as links, the team's without", () => {
    const pending = [approval('old', 'wang@f.example', '2026-12-01T02:00:00Z')];
    const overdue = [
      { kind: 'complaint' as const, owner: 'wang@f.example', label: 'CP1', due: '2026-12-02' },
      { kind: 'promised-date' as const, owner: 'wang@f.example', label: 'O9', due: '2026-12-08' },
    ];
    const [wang, xu] = digests({ pending, overdue, openOrders: [] }, '2026-12-10', leaderOf);
    const links = new Map([['old', 'https://app.example/approval-links/secret']]);
    const facts = { language: 'en' as const, today: '2026-12-10', links, nameOf: () => 'Wang Fang' };
    const mine = followUpEmail({ ...facts, digest: wang as NonNullable<typeof wang>, name: 'Wang Fang' });
    expect(mine.text).toMatch(
      /CP1: 8 day\(s\) late\n\nApproval · Review old — Order old \(7 day\(s\) late\): https:\/\/app\.example\/approval-links\/secret\n\n.*O9: 2 day\(s\) late/,
    );
    const team = followUpEmail({ ...facts, digest: xu as NonNullable<typeof xu>, name: 'Xu Ming' });
    expect(team.text).toContain("Your team's overdue items (oldest first):");
    expect(team.text).toContain('Wang Fang: Approval · Review old — Order old: 7 day(s) late');
    expect(team.text).not.toContain('approval-links');
  });
});
