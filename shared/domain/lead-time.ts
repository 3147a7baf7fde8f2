/**
 * Calendar dates are ISO `YYYY-MM-DD` strings and are computed on their parts in UTC, so no server time zone can
 * move them by a day. Instants (Dates) are turned into calendar dates only through an explicit time zone.
 */
const DAY = 86_400_000;

export type IsoDate = string;

function dayNumber(date: IsoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  }
  return time / DAY;
}

function isoDate(day: number): IsoDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number) {
  return isoDate(dayNumber(date) + days);
}

/** Days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate) {
  return dayNumber(to) - dayNumber(from);
}

/** The wall-clock fields of an instant in a time zone (e.g. 'Asia/Shanghai'). */
export function wallClock(instant: Date, timeZone: string) {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** The calendar date an instant falls on in a time zone. */
export function calendarDateIn(instant: Date, timeZone: string): IsoDate {
  const { year, month, day } = wallClock(instant, timeZone);
  return isoDate(Date.UTC(year, month - 1, day) / DAY);
}

/** The instant a wall-clock time on a date has in a time zone (checked twice, for days that change offset). */
export function instantAt(date: IsoDate, hour: number, timeZone: string) {
  const wanted = dayNumber(date) * DAY + hour * 3_600_000;
  const offsetAt = (instant: number) => {
    const clock = wallClock(new Date(instant), timeZone);
    const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
  const first = wanted - offsetAt(wanted);
  return new Date(wanted - offsetAt(first));
}

export type LeadTimeDates = {
  /** The customer confirmed specs and quantities in writing. */
  confirmedOn?: IsoDate;
  depositReceivedOn?: IsoDate;
  letterOfCreditOn?: IsoDate;
};

/**
 * R8 (doc 003 §3.7): the delivery lead time counts from the latest of the written confirmation, the deposit's
 * arrival and the letter of credit's arrival, of those the order has; undefined while it has none.
 */
export function leadTimeStart(dates: LeadTimeDates): IsoDate | undefined {
  const present = [dates.confirmedOn, dates.depositReceivedOn, dates.letterOfCreditOn].filter(
    (date): date is IsoDate => date !== undefined,
  );
  const days = present.map(dayNumber);
  const latest = days.indexOf(Math.max(...days));
  return present[latest];
}

/**
 * R8: PMC promised a date counting from `promisedOn`; when the lead time starts later (the deposit came late), the
 * promised date moves by as many days. It never moves earlier: PMC planned with the earlier start.
 */
export function recomputePromisedDate({
  promisedDate,
  promisedOn,
  newStart,
}: {
  promisedDate: IsoDate;
  promisedOn: IsoDate;
  newStart: IsoDate;
}): IsoDate {
  return addDays(promisedDate, Math.max(0, daysBetween(promisedOn, newStart)));
}

/** R5: PMC replies the promised date by the next afternoon: 15:00 on the next calendar day in the company's zone. */
export function pmcReplyDeadline(orderReleasedAt: Date, timeZone: string) {
  return instantAt(addDays(calendarDateIn(orderReleasedAt, timeZone), 1), 15, timeZone);
}

/** R6: the merchandiser replies the promised date to the customer in writing within 48 hours of PMC's reply. */
export function acknowledgementDeadline(pmcRepliedAt: Date) {
  return new Date(pmcRepliedAt.getTime() + 2 * DAY);
}
