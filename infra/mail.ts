import type { Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, ConfigurationSetTlsPolicy, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

/** The configuration set every message is sent with (the Data stack's: it outlives the functions). */
export function mailConfigurationSet(scope: Construct) {
  return new ConfigurationSet(scope, 'MailConfigurationSet', {
    tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    reputationMetrics: true,
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
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
