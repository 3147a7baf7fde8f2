/**
 * The schedules: one definition read by infra/ (EventBridge Scheduler, cron with a time zone) and by the
 * offline scheduler (same cron, same zone). Each starts a state machine from this folder with the
 * schedule's nominal time as input, so a retry or a re-run of the same period is deterministic.
 */
export type ScheduleDefinition = {
  name: string;
  description: string;
  /** EventBridge Scheduler cron: minutes hours day-of-month month day-of-week year */
  cron: string;
  timeZone: string;
  /** The ASL file (in state-machines/) the schedule starts. */
  stateMachine: string;
};

/** The company's time zone: R5/R7 deadlines and month ends are counted in it. */
export const companyTimeZone = 'Asia/Shanghai';

export const schedules: ScheduleDefinition[] = [];
