/**
 * `npm run redrive -- [--stage dev] [--since <time>] [--dry-run] [<executionArn>…]`: RedriveExecution for
 * the FAILED executions of the stage's workflows (an operator's command; see docs/operations.md). `--offline` does
 * the same in the running `npm start`. Never run by the tests against AWS.
 */
import {
  DescribeExecutionCommand,
  type ExecutionListItem,
  paginateListExecutions,
  paginateListStateMachines,
  RedriveExecutionCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { answerHelp } from './help.ts';
import { chooseExecutions, ofStage, parseRedriveArguments, type RedriveOptions, usage } from './redrive/plan.ts';

answerHelp(`
${usage}
`);

let options: RedriveOptions;
try {
  options = parseRedriveArguments(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}

const done = options.offline ? await redriveOffline(options) : await redriveOnAws(options);
process.exit(done ? 0 : 1);

/** On AWS: the stage's state machines, their FAILED executions since --since (or the ARNs given), each redriven. */
async function redriveOnAws(options: RedriveOptions) {
  const client = new SFNClient(options.region ? { region: options.region } : {});
  let arns = options.executionArns;
  if (arns.length === 0) {
    const failed: ExecutionListItem[] = [];
    for await (const page of paginateListStateMachines({ client }, {})) {
      for (const machine of page.stateMachines ?? []) {
        if (!machine.name || !ofStage(options.stage, machine.name)) continue;
        const input = { stateMachineArn: machine.stateMachineArn, statusFilter: 'FAILED' as const };
        for await (const executions of paginateListExecutions({ client }, input)) {
          failed.push(...(executions.executions ?? []));
        }
      }
    }
    arns = chooseExecutions(failed, options.since).flatMap(({ executionArn }) => (executionArn ? [executionArn] : []));
    console.log(
      `${arns.length} failed execution(s) of ${options.stage}-OrderFollowUp-… since ${options.since.toISOString()}`,
    );
  }
  let ok = true;
  for (const executionArn of arns) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    const what = `${executionArn} (${execution.status}${execution.error ? `: ${execution.error}` : ''}, stopped ${execution.stopDate?.toISOString() ?? '—'})`;
    if (execution.redriveStatus !== 'REDRIVABLE') {
      console.log(`skipped ${what}: ${execution.redriveStatusReason ?? execution.redriveStatus}`);
      continue;
    }
    if (options.dryRun) {
      console.log(`would redrive ${what}`);
      continue;
    }
    try {
      const { redriveDate } = await client.send(new RedriveExecutionCommand({ executionArn }));
      console.log(`redriven ${what} at ${redriveDate?.toISOString()}`);
    } catch (error) {
      ok = false;
      console.log(`could not redrive ${what}: ${(error as Error).name}: ${(error as Error).message}`);
    }
  }
  return ok;
}

/** Offline: the same, through the running stack's /_local/executions pages. */
async function redriveOffline(options: RedriveOptions) {
  const base = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const reach = (path: string, init?: RequestInit) =>
    fetch(`${base}${path}`, init).catch(() => {
      console.error(`the offline stack is not running at ${base}: start it with npm start`);
      process.exit(1);
    });
  let arns = options.executionArns;
  if (arns.length === 0) {
    const failed = (await (await reach('/_local/executions?status=FAILED')).json()) as {
      executionArn: string;
      stopDate?: string;
    }[];
    arns = chooseExecutions(failed, options.since).flatMap(({ executionArn }) => (executionArn ? [executionArn] : []));
    console.log(`${arns.length} failed execution(s) in the offline stack since ${options.since.toISOString()}`);
  }
  let ok = true;
  for (const executionArn of arns) {
    if (options.dryRun) {
      console.log(`would redrive ${executionArn}`);
      continue;
    }
    const response = await reach(`/_local/executions/redrive?arn=${encodeURIComponent(executionArn)}`, {
      method: 'POST',
    });
    const body = (await response.json()) as { redriveDate?: string; name?: string; message?: string };
    if (response.ok) console.log(`redriven ${executionArn} at ${body.redriveDate}`);
    else {
      ok = false;
      console.log(`could not redrive ${executionArn}: ${body.name}: ${body.message}`);
    }
  }
  return ok;
}
