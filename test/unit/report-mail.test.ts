import { describe, expect, it } from 'vitest';
import { reportedPeriod, reportRecipients } from '../../shared/domain/report-mail.ts';

describe('which report a schedule sends, to whom (R41)', () => {
  it('reports the day, the ISO week or the month that ended before the day it runs', () => {
    expect(reportedPeriod('daily-report', '2026-12-01')).toEqual({ kind: 'day', id: '2026-11-30' });
    expect(reportedPeriod('weekly-report', '2026-12-07')).toEqual({ kind: 'week', id: '2026-W49' });
    expect(reportedPeriod('weekly-report', '2027-01-04')).toEqual({ kind: 'week', id: '2026-W53' });
    expect(reportedPeriod('monthly-report', '2027-01-01')).toEqual({ kind: 'month', id: '2026-12' });
  });

  it('sends to the active GM, leaders, sales admin and QA, once each, in a stable order', () => {
    const person = (email: string, roles: string[], active = true) => ({ email, roles, active }) as never;
    const staff = [
      person('qa@f.example', ['qa']),
      person('gm@f.example', ['gm', 'leader']),
      person('m@f.example', ['merchandiser']),
      person('left@f.example', ['leader'], false),
      person('sa@f.example', ['sales-admin']),
    ];
    expect(reportRecipients(staff).map((p: { email: string }) => p.email)).toEqual([
      'gm@f.example',
      'qa@f.example',
      'sa@f.example',
    ]);
  });
});
