/** `npm run schedule -- <name> [--at <ISO time>]`: runs a schedule now, in the running offline stack, for any nominal time. */
import { parseArgs } from 'node:util';
import { schedules } from '../state-machines/schedules.ts';
import { answerHelp } from './help.ts';

answerHelp(`
npm run schedule -- <name> [--at <ISO time>] — runs a schedule now in the running offline stack (PORT), for
any nominal time. Schedules: ${schedules.map((s) => s.name).join(', ') || '(none defined yet)'}
`);

const { positionals, values } = parseArgs({ allowPositionals: true, options: { at: { type: 'string' } } });
const [name] = positionals;
if (!name) {
  console.error(
    `usage: npm run schedule -- <name> [--at <ISO time>]\nschedules: ${schedules.map((s) => `${s.name} (${s.cron} ${s.timeZone})`).join(', ') || '(none defined yet)'}`,
  );
  process.exit(2);
}
const base = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const url = `${base}/_local/schedules/${encodeURIComponent(name)}${values.at ? `?at=${encodeURIComponent(values.at)}` : ''}`;
const response = await fetch(url, { method: 'POST' }).catch(() => {
  console.error(`the offline stack is not running at ${base}: start it with npm start`);
  process.exit(1);
});
process.stdout.write(await response.text());
process.exit(response.ok ? 0 : 1);
