/** The company's time zone: order numbers' months (R3), PMC's and the daily cut-off's deadlines (R5, R7) and month ends. */
export const companyTimeZone = 'Asia/Shanghai';

/** An instant as people in the company read it: 2026-11-26 15:00 (Asia/Shanghai). */
export function companyTime(instant: string | Date) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: companyTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${companyTimeZone})`;
}
