import { Duration, type Stack } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { Alarms } from './alarms.ts';

/**
 * The bounce rate at which the alarm goes off: SES puts an account under review at 5 % and may pause its sending
 * at 10 %; operators hear of it well before.
 */
export const bounceRateAlarmThreshold = 0.03;

/**
 * The configuration set every message is sent with (the Data stack's: it outlives the functions). Its bounces and
 * complaints go to the account's default event bus (SES publishes to no other), where the mail-feedback worker's
 * rule takes this stage's; its reputation metrics feed the bounce-rate alarm.
 */
export function mailConfigurationSet(scope: Construct, alarms: Alarms) {
  const configurationSet = new ConfigurationSet(scope, 'MailConfigurationSet', {
    tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    reputationMetrics: true,
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  configurationSet.addEventDestination('Feedback', {
    destination: EventDestination.eventBus(EventBus.fromEventBusName(scope, 'DefaultBus', 'default')),
    events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
  });
  alarms.alarm(configurationSet, 'BounceRate', {
    metric: new Metric({
      namespace: 'AWS/SES',
      metricName: 'Reputation.BounceRate',
      dimensionsMap: { 'ses:configuration-set': configurationSet.configurationSetName },
      statistic: 'Maximum',
      period: Duration.hours(1),
    }),
    threshold: bounceRateAlarmThreshold,
    description: `More than ${bounceRateAlarmThreshold * 100} % of this stage's e-mails bounce: check the addresses in the staff directory and the customers' contacts`,
  });
  return configurationSet;
}

export type MailProps = {
  /** The sender address (setting `mail-from`), read when a function first needs it. */
  from: () => string;
  /** The SES domain identity the sender belongs to (setting `mail-domain`). */
  domain: () => string;
  configurationSetName: string;
};

/**
 * Sending e-mail through SES, as the functions of one stack see it. The sender is an identity verified outside
 * the app (a domain identity needs DNS records the app can't create), given at deploy time.
 */
export class Mail {
  private readonly stack: Stack;
  private readonly props: MailProps;

  constructor(stack: Stack, props: MailProps) {
    this.stack = stack;
    this.props = props;
  }

  get from() {
    return this.props.from();
  }

  get environment() {
    return { MAIL_FROM: this.from, SES_CONFIGURATION_SET: this.props.configurationSetName };
  }

  /** Only raw sends, only as the sender address, only through the configuration set. */
  grantSend(grantee: IGrantable) {
    const ses = (resource: string, resourceName: string) =>
      this.stack.formatArn({ service: 'ses', resource, resourceName });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [
          ses('identity', this.from),
          ses('identity', this.props.domain()),
          ses('configuration-set', this.props.configurationSetName),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.from } },
      }),
    );
  }
}
