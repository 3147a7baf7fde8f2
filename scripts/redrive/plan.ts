import { parseArgs } from 'node:util';
import { Deployment, defaultStage } from '../../infra/deployment.ts';

/** Step Functions redrives an unsuccessful Standard execution for 14 days after it stopped. */
export const redrivableDays = 14;

export type RedriveOptions = {
  /** Talk to the running `npm start` (http://127.0.0.1:$PORT) instead of AWS. */
  offline: boolean;
  /** The stage whose workflows are meant: its state machines are named `<stage>-OrderFollowUp-<workflow>`. */
  stage: string;
  region?: string;
  /** Only executions that stopped at or after this moment (default: the whole redrivable period). */
  since: Date;
  /** List what would be redriven, redrive nothing. */
  dryRun: boolean;
  /** Redrive these executions only (the listing and --since are skipped). */
  executionArns: string[];
};

export const usage = `usage: npm run redrive -- [--stage dev] [--region <region>] [--since <time>] [--dry-run] [<executionArn>…]
       npm run redrive -- --offline [--since <time>] [--dry-run] [<executionArn>…]

Redrives (RedriveExecution) the FAILED executions of the stage's workflows: each runs again from the state it
failed in, with that state's input; the states before it are not run again. Without ARNs, every FAILED execution
of a state machine named <stage>-OrderFollowUp-… that stopped since <time> (an ISO date-time, or 90m, 12h, 3d ago; default: the
last ${redrivableDays} days, the redrivable period). --offline does the same in the running npm start (PORT).
Credentials and region come from the AWS SDK's usual chain (AWS_PROFILE, AWS_REGION…) unless --region is given.`;

/** `90m`, `12h`, `3d` before `now`, or an ISO date-time. */
export function parseSince(value: string, now: Date): Date {
  const relative = /^(\d+)([mhd])$/.exec(value);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new Error(`--since: "${value}" is neither an ISO date-time nor a duration like 90m, 12h or 3d`);
  }
  return time;
}

export function parseRedriveArguments(argv: string[], now = new Date()): RedriveOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      offline: { type: 'boolean', default: false },
      stage: { type: 'string', default: defaultStage },
      region: { type: 'string' },
      since: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const executionArns = positionals;
  for (const arn of executionArns) {
    if (!/^arn:[\w-]+:states:[\w-]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn)) {
      throw new Error(`not the ARN of an execution: ${arn}`);
    }
  }
  const oldest = new Date(now.getTime() - redrivableDays * 86_400_000);
  const since = values.since ? parseSince(values.since, now) : oldest;
  return {
    offline: values.offline,
    stage: new Deployment(values.stage).stage,
    region: values.region,
    since: since < oldest ? oldest : since,
    dryRun: values['dry-run'],
    executionArns,
  };
}

/** The state machines of the stage: `<stage>-OrderFollowUp-<workflow>` (infra/deployment.ts names them so). */
export const ofStage = (stage: string, stateMachineName: string) =>
  stateMachineName.startsWith(`${new Deployment(stage).prefix}-`);

export type FailedExecution = { executionArn?: string; stopDate?: Date | string };

/** The failed executions to redrive: those that stopped since `since`, most recent last. */
export function chooseExecutions<E extends FailedExecution>(executions: E[], since: Date): E[] {
  const stopped = (execution: E) => new Date(execution.stopDate ?? 0).getTime();
  return executions
    .filter((execution) => stopped(execution) >= since.getTime())
    .sort((a, b) => stopped(a) - stopped(b));
}
