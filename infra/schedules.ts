import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ScheduleDefinition, ScheduledInput } from '../state-machines/schedules.ts';
import { asNagNamesIt } from './nag.ts';

/**
 * Each schedule invokes its worker at its cron, in its time zone (EventBridge rules know only UTC), with the
 * nominal time as input, so that a retry or a redrive works on the same period.
 */
export function scheduleWorker(
  scope: Construct,
  fn: IFunction,
  schedules: readonly ScheduleDefinition[],
  deadLetters: IQueue,
) {
  for (const schedule of schedules) {
    const input: ScheduledInput = { schedule: schedule.name, scheduledTime: ContextAttribute.scheduledTime };
    new Schedule(scope, `schedule-${schedule.name}`, {
      description: schedule.description,
      schedule: ScheduleExpression.expression(`cron(${schedule.cron})`, TimeZone.of(schedule.timeZone)),
      target: new LambdaInvoke(fn, {
        input: ScheduleTargetInput.fromObject(input),
        retryAttempts: 10,
        maxEventAge: Duration.hours(12),
        deadLetterQueue: deadLetters,
      }),
    });
  }
  if (schedules.length > 0) {
    // The scheduler's role (one per stack, shared by its schedules) may invoke the function and its versions.
    Validations.of(Stack.of(scope)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${asNagNamesIt(Stack.of(scope).resolve(fn.functionArn))}:*]`,
      reason: 'The schedule invokes a version or alias of its worker; the wildcard covers only that function.',
    });
  }
}
