import { describe, expect, it } from 'vitest';
import { nextRun, schedulerCron } from '../../scripts/offline/scheduler.ts';
import type { ScheduleDefinition } from '../../state-machines/schedules.ts';

const schedule = (cron: string, timeZone = 'Asia/Shanghai'): ScheduleDefinition => ({
  name: 'test',
  description: 'test',
  cron,
  timeZone,
  target: { worker: 'notify' },
});

describe('EventBridge Scheduler cron, evaluated locally', () => {
  it('runs the first of the month at 09:00 in the schedule’s time zone', () => {
    const next = nextRun(schedule('0 9 1 * ? *'), new Date('2026-11-25T00:00:00Z'));
    expect(next?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });

  it('numbers weekdays 1–7 from Sunday, as EventBridge does', () => {
    // 2-6 = Monday to Friday; 2026-11-28 is a Saturday.
    const next = nextRun(schedule('0 10 ? * 2-6 *'), new Date('2026-11-28T00:00:00Z'));
    expect(next?.toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });

  it('reads AWS increments written from a start (0/5: every 5 minutes from :00)', () => {
    const next = nextRun(schedule('0/5 * * * ? *', 'UTC'), new Date('2026-11-25T08:07:00Z'));
    expect(next?.toISOString()).toBe('2026-11-25T08:10:00.000Z');
  });

  it('honours the year field and refuses a five-field cron', () => {
    expect(nextRun(schedule('0 0 1 1 ? 2027', 'UTC'), new Date('2026-11-01T00:00:00Z'))?.toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(() => schedulerCron('0 9 1 * ?', 'UTC')).toThrow(/6 fields/);
  });
});
