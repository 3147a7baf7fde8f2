import { describe, expect, it } from 'vitest';
import {
  acknowledgementDeadline,
  addDays,
  calendarDateIn,
  daysBetween,
  leadTimeStart,
  pmcReplyDeadline,
  recomputePromisedDate,
} from '../../shared/domain/lead-time.ts';

describe('calendar dates', () => {
  it('add days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-27', 3)).toBe('2028-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-02', '2026-11-05')).toBe(3);
    expect(daysBetween('2026-11-05', '2026-11-02')).toBe(-3);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-5', '05/11/2026', ''])('refuse %j', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });

  it('are taken in an explicit time zone', () => {
    const instant = new Date('2026-12-31T17:00:00Z');
    expect(calendarDateIn(instant, 'Asia/Shanghai')).toBe('2027-01-01');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-12-31');
  });
});

describe('the lead-time start (R8, doc 003 §3.7)', () => {
  it('is the latest of confirmation, deposit and letter-of-credit dates', () => {
    expect(leadTimeStart({ confirmedOn: '2026-11-02', depositReceivedOn: '2026-11-05' })).toBe('2026-11-05');
    expect(
      leadTimeStart({ confirmedOn: '2026-11-02', depositReceivedOn: '2026-11-05', letterOfCreditOn: '2026-11-10' }),
    ).toBe('2026-11-10');
    expect(leadTimeStart({ confirmedOn: '2026-11-09', depositReceivedOn: '2026-11-05' })).toBe('2026-11-09');
    expect(leadTimeStart({ depositReceivedOn: '2026-12-31', letterOfCreditOn: '2027-01-01' })).toBe('2027-01-01');
  });

  it('counts only the dates present, and is unknown with none', () => {
    expect(leadTimeStart({ confirmedOn: '2026-11-02' })).toBe('2026-11-02');
    expect(leadTimeStart({})).toBeUndefined();
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => leadTimeStart({ confirmedOn: '2026-11-31' })).toThrow(RangeError);
  });
});

describe('recomputing the promised date (R8)', () => {
  const promised = { promisedDate: '2026-12-10', promisedOn: '2026-11-02' };

  it('moves it by the days the start moved later', () => {
    expect(recomputePromisedDate({ ...promised, newStart: '2026-11-05' })).toBe('2026-12-13');
    expect(
      recomputePromisedDate({ promisedDate: '2026-12-30', promisedOn: '2026-11-02', newStart: '2026-11-05' }),
    ).toBe('2027-01-02');
  });

  it('never moves it earlier, nor when the start is unchanged', () => {
    expect(recomputePromisedDate({ ...promised, newStart: '2026-10-30' })).toBe('2026-12-10');
    expect(recomputePromisedDate({ ...promised, newStart: '2026-11-02' })).toBe('2026-12-10');
  });
});

describe('deadlines (R5, R6)', () => {
  it("PMC replies by 15:00 of the next calendar day in the company's zone", () => {
    expect(pmcReplyDeadline(new Date('2026-11-02T01:30:00Z'), 'Asia/Shanghai')).toEqual(
      new Date('2026-11-03T07:00:00Z'),
    );
  });

  it('across a month end, counting the day in the company zone, not UTC', () => {
    // 2026-01-31 20:00 UTC is already 1 February, 04:00 in Shanghai.
    expect(pmcReplyDeadline(new Date('2026-01-31T20:00:00Z'), 'Asia/Shanghai')).toEqual(
      new Date('2026-02-02T07:00:00Z'),
    );
    expect(pmcReplyDeadline(new Date('2026-10-31T09:00:00Z'), 'Asia/Shanghai')).toEqual(
      new Date('2026-11-01T07:00:00Z'),
    );
  });

  it('keeps 15:00 local on a day the zone changes its offset', () => {
    expect(pmcReplyDeadline(new Date('2026-03-28T12:00:00Z'), 'Europe/Berlin')).toEqual(
      new Date('2026-03-29T13:00:00Z'),
    );
  });

  it('the customer gets the written acknowledgement within 48 hours of PMC reply', () => {
    expect(acknowledgementDeadline(new Date('2026-11-03T07:00:00Z'))).toEqual(new Date('2026-11-05T07:00:00Z'));
  });
});
