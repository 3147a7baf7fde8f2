import { addDays, type IsoDate } from './lead-time.ts';

/** R41: the periods reports cover — a company day, an ISO week (Monday to Sunday), a month — and the one before each. */
export type PeriodKind = 'day' | 'week' | 'month';
export type Period = { kind: PeriodKind; id: string; from: IsoDate; to: IsoDate };

const DAY = 86_400_000;
const two = (n: number) => String(n).padStart(2, '0');
const dayOfWeek = (date: IsoDate) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // Monday 1 … Sunday 7

/** The Monday of an ISO week `YYYY-Www`, or undefined when the year has no such week (W53 of a 52-week year). */
export function isoWeekMonday(week: string): IsoDate | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return undefined;
  const year = Number(match[1]);
  const number = Number(match[2]);
  const january4 = `${year}-01-04`;
  const monday = addDays(january4, 1 - dayOfWeek(january4) + 7 * (number - 1));
  // The week belongs to the year its Thursday is in.
  return number >= 1 && addDays(monday, 3).slice(0, 4) === String(year) ? monday : undefined;
}

/** The ISO week a day is in: `2026-W49`. */
export function isoWeekOf(date: IsoDate) {
  const thursday = addDays(date, 4 - dayOfWeek(date));
  const year = thursday.slice(0, 4);
  const first = Date.parse(`${year}-01-01T00:00:00Z`);
  const number = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - first) / DAY / 7) + 1;
  return `${year}-W${two(number)}`;
}

export const dayPeriod = (date: IsoDate): Period => ({ kind: 'day', id: date, from: date, to: date });

export function weekPeriod(week: string): Period {
  const monday = isoWeekMonday(week);
  if (!monday) throw new RangeError(`${week} is not an ISO week`);
  return { kind: 'week', id: week, from: monday, to: addDays(monday, 6) };
}

export function monthPeriod(month: string): Period {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { kind: 'month', id: month, from: `${month}-01`, to: `${month}-${two(last)}` };
}

/** The period before: the day before, the week before, the month before. */
export function previousPeriod(period: Period): Period {
  if (period.kind === 'day') return dayPeriod(addDays(period.from, -1));
  if (period.kind === 'week') return weekPeriod(isoWeekOf(addDays(period.from, -7)));
  return monthPeriod(addDays(period.from, -1).slice(0, 7));
}

/** The days of a period, in order. */
export function daysOf(period: Period): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}
