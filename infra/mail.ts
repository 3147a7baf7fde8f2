import { CfnParameter, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, ConfigurationSetTlsPolicy, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/**
 * Sending e-mail through SES. The sender is an identity verified outside this stack (a domain identity needs
 * DNS records this stack can't create), given at deploy time; the stack adds the configuration set every
 * message is sent with.
 */
export class Mail extends Construct {
  readonly from: string;
  readonly configurationSet: ConfigurationSet;
  private readonly domain: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.from = new CfnParameter(stack, 'MailFrom', {
      type: 'String',
      description: 'Sender address of every e-mail, e.g. orders@example.com: verified in SES, or in MailDomain',
      allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      constraintDescription: 'must be an e-mail address',
    }).valueAsString;
    this.domain = new CfnParameter(stack, 'MailDomain', {
      type: 'String',
      description: 'The e-mail domain the stack may send from, e.g. example.com (an SES domain identity)',
      allowedPattern: '^[a-z0-9.-]+\\.[a-z]{2,}$',
      constraintDescription: 'must be a lower-case domain name',
    }).valueAsString;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
  }

  get environment() {
    return { MAIL_FROM: this.from, SES_CONFIGURATION_SET: this.configurationSet.configurationSetName };
  }

  /** Only raw sends, only as the sender address, only through the configuration set. */
  grantSend(grantee: IGrantable) {
    const stack = Stack.of(this);
    const ses = (resource: string, resourceName: string) => stack.formatArn({ service: 'ses', resource, resourceName });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [
          ses('identity', this.from),
          ses('identity', this.domain),
          ses('configuration-set', this.configurationSet.configurationSetName),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.from } },
      }),
    );
  }
}
