import { Cron } from 'croner';
import type { ScheduleDefinition } from '../../state-machines/schedules.ts';

/** An EventBridge Scheduler cron (minute hour dom month dow year, 1–7 = SUN–SAT) evaluated in its time zone. */
export function schedulerCron(expression: string, timeZone: string) {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron needs 6 fields (minutes hours dom month dow year): ${expression}`);
  // AWS writes "from 0, every 5" as 0/5; croner wants the range spelled out: 0-59/5.
  const ends = [59, 23, 31, 12, 7, 2199];
  const spelled = fields.map((field, i) => field.replace(/^(\d+)\/(\d+)$/, `$1-${ends[i]}/$2`));
  return new Cron(`0 ${spelled.join(' ')}`, {
    timezone: timeZone,
    mode: '7-part',
    alternativeWeekdays: true,
    paused: true,
  });
}

export function nextRun(schedule: ScheduleDefinition, after: Date) {
  return schedulerCron(schedule.cron, schedule.timeZone).nextRun(after) ?? undefined;
}

/**
 * The same schedules as on AWS, in-process: each fires at its next nominal time and passes that time on.
 * `runNow` is what `npm run schedule` asks for, with any nominal time.
 */
export function localScheduler(
  definitions: readonly ScheduleDefinition[],
  run: (schedule: ScheduleDefinition, scheduledTime: Date) => Promise<void>,
  onError: (schedule: ScheduleDefinition, error: unknown) => void,
) {
  const timers = new Map<string, NodeJS.Timeout>();
  const arm = (schedule: ScheduleDefinition, after: Date) => {
    const at = nextRun(schedule, after);
    if (!at) return;
    // setTimeout holds at most ~24.8 days; a later run is re-armed on the way.
    const delay = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (Date.now() < at.getTime()) return arm(schedule, after);
      run(schedule, at)
        .catch((error) => onError(schedule, error))
        .finally(() => arm(schedule, at));
    }, delay);
    timer.unref();
    timers.set(schedule.name, timer);
  };
  for (const schedule of definitions) arm(schedule, new Date());
  return {
    async runNow(name: string, scheduledTime: Date) {
      const schedule = definitions.find((s) => s.name === name);
      if (!schedule) return false;
      await run(schedule, scheduledTime);
      return true;
    },
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}
