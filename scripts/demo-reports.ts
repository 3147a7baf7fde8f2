/**
 * `npm run demo:reports` (with `npm start` running, best after the other demos): an order placed today and left
 * waiting for its review, then time moved on as the scheduler moves it — the 10:00 follow-up of the next working day
 * (R7), the daily report of today, the weekly report of this week and the monthly report of this month (R41, R43) —
 * and where to open each e-mail, its charts and its spreadsheet in the mailbox. Over HTTP only.
 */
import { activeCustomer, call, mail, placeKitOrder, runSchedule, step, tokenOf } from './demo/client.ts';
import { answerHelp } from './help.ts';
import { demoPeople } from './offline/demo-data.ts';

answerHelp(`
npm run demo:reports — with \`npm start\` running (same PORT and OFFLINE_DATA_DIR), best after the other demos
(their orders, deliveries, complaints and returns are the reports' figures): an order placed and left waiting for its
review; the next working day's 10:00 follow-up (R7); today's daily report, this week's and this month's reports with
their charts and spreadsheets (R41, R43); the mailbox addresses to open each of them in a browser.
`);

const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const shanghai = 8 * 3_600_000;
const day = 86_400_000;
/** A company day (Asia/Shanghai) `days` after today. */
const companyDay = (days: number) => new Date(Date.now() + shanghai + days * day).toISOString().slice(0, 10);
/** That company day at a company time of day, as the instant the scheduler would run. */
const at = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00Z`) - shanghai).toISOString();
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

const today = companyDay(0);
const nextWorkingDay = [1, 2, 3].map(companyDay).find((date) => weekday(date) >= 1 && weekday(date) <= 5) as string;
const nextMonday = [1, 2, 3, 4, 5, 6, 7].map(companyDay).find((date) => weekday(date) === 1) as string;
const [year, month] = today.split('-').map(Number) as [number, number];
const firstOfNextMonth = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);

type StoredMail = {
  id: string;
  to: string[];
  subject: string;
  template: string;
  inline?: unknown[];
  attachments?: { filename: string }[];
};
const mailbox = async () => (await (await fetch(`${api}/_local/mail.json`)).json()) as StoredMail[];
const seen = new Set((await mailbox()).map((m) => m.id));

/** The e-mails a schedule sent, with where to open them, their charts and their attachments. */
async function show(template: string) {
  const sent = (await mailbox()).filter((m) => m.template === template && !seen.has(m.id));
  for (const m of sent) seen.add(m.id);
  if (sent.length === 0) console.log('  (nothing to send: nobody had anything, or it was sent already)');
  for (const m of sent) {
    console.log(`  ✉ ${m.to.join(', ')}: "${m.subject}"\n    ${api}/_local/mail/${m.id}`);
    for (const [n] of (m.inline ?? []).entries())
      console.log(`      chart ${n + 1}: ${api}/_local/mail/${m.id}/inline/${n + 1}`);
    for (const [n, a] of (m.attachments ?? []).entries()) {
      console.log(`      ${a.filename}: ${api}/_local/mail/${m.id}/attachments/${n + 1}`);
    }
  }
  return sent;
}

step('An order placed today by customer 001, waiting for the merchandiser’s review (an approval pending)');
const huaxin = await activeCustomer('001');
const order = await placeKitOrder(huaxin, 20, 'RPT');
await mail('approval-request', demoPeople.merchandiser, order.number);
console.log(`  201 ${order.number} (PO ${order.poNumber}): its review waits on ${demoPeople.merchandiser}`);

step(`R7: the follow-up of ${nextWorkingDay} at 10:00 — one e-mail to each person with anything waiting`);
await runSchedule('daily-follow-up', at(nextWorkingDay, '10:00'));
await show('daily-follow-up');

step(`R41: the daily report of ${today}, sent at 09:00 the day after`);
await runSchedule('daily-report', at(companyDay(1), '09:00'));
await show('daily-report');

step(`R41: the weekly report of this week, sent on Monday ${nextMonday} at 09:10`);
await runSchedule('weekly-report', at(nextMonday, '09:10'));
await show('weekly-report');

step(`R41, R43: the monthly report of ${today.slice(0, 7)}, sent on ${firstOfNextMonth} at 09:20`);
await runSchedule('monthly-report', at(firstOfNextMonth, '09:20'));
const monthly = await show('monthly-report');

step('The same figures as JSON, for the company’s and the customers’ own tools');
const gm = await tokenOf('gm');
const report = await call('GET', `/reports/monthly?month=${today.slice(0, 7)}`, gm);
console.log(`  GET /reports/monthly?month=${today.slice(0, 7)} → orders ${JSON.stringify(report.figures.orders)}`);
const kpis = await call('GET', `/reports/kpis?month=${today.slice(0, 7)}`, gm);
console.log(`  GET /reports/kpis?month=${today.slice(0, 7)} → ${JSON.stringify(kpis.total)}`);

if (monthly[0]) console.log(`\nOpen the monthly report in a browser: ${api}/_local/mail/${monthly[0].id}`);
