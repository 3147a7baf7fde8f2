import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OrderFollowUpStack } from './stack.ts';

/**
 * The cloud assembly: one stack, checked by cdk-nag's AwsSolutions pack at every synth. A finding fails the
 * synth unless it is acknowledged, one by one with a reason, next to the construct it is about.
 */
export function buildApp(app = new App()) {
  const stack = new OrderFollowUpStack(app, 'OrderFollowUp', {
    description: 'Order follow-up platform: API, single table, events, mail, workflows',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
