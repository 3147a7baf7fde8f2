import { type IsoDate, instantAt } from './lead-time.ts';

/** The company's time zone: order numbers' months (R3), PMC's and the daily cut-off's deadlines (R5, R7) and month ends. */
export const companyTimeZone = 'Asia/Shanghai';

/** The instant a company day begins (its midnight), ISO: a day's items lie from it to the next day's. */
export const companyMidnight = (day: IsoDate) => instantAt(day, 0, companyTimeZone).toISOString();

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

/**
 * The company itself, as its documents' letterhead names it (one company runs this system; its staff's e-mails are
 * at factory.example). The delivery note and the stock-prep form print it in both languages.
 */
export const company = {
  name: { 'zh-CN': '华达五金制品有限公司', en: 'Huada Hardware Products Co., Ltd.' },
  address: {
    'zh-CN': '广东省佛山市南海区狮山镇工业大道 18 号',
    en: '18 Industrial Avenue, Shishan, Nanhai, Foshan, Guangdong, China',
  },
  phone: '+86 757 8666 1800',
  email: 'orders@factory.example',
} as const;
