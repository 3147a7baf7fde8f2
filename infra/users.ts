import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPool,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '../shared/domain/roles.ts';

/** `custom:customerId` in a token binds a user of the customer role to the one customer they may see. */
const customerIdAttribute = 'customerId';

/** How Cognito sends its mail: the deployment's sender (settings mail-from, mail-domain) and configuration set. */
export type UsersMail = { mailFrom: string; mailDomain: string; configurationSetName: string };

/** The people and customer systems that may call the API; each role of the business is a group. */
export class Users extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, mail: UsersMail) {
    super(scope, id);
    this.pool = new UserPool(this, 'Pool', {
      // Invitations and password resets go out through SES like every other e-mail: from the same sender, through
      // the same configuration set (bounces, complaints, reputation), not Cognito's own limited mailer.
      email: UserPoolEmail.withSES({
        fromEmail: mail.mailFrom,
        // The stack is environment-agnostic: SES in the stack's own region, as for the functions.
        sesRegion: Aws.REGION,
        configurationSetName: mail.configurationSetName,
      }),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: { [customerIdAttribute]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Sent as the sender address, authorised by the domain identity it belongs to (withSES names the address
    // itself, and cannot compare a deploy-time sender with a deploy-time domain).
    (this.pool.node.defaultChild as CfnUserPool).addPropertyOverride(
      'EmailConfiguration.SourceArn',
      Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: mail.mailDomain }),
    );
    Validations.of(this.pool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP) rather than required: customers integrate their own systems as API users, which ' +
        'cannot answer a second factor. Threat protection (Plus plan, enforced) blocks risky sign-ins instead.',
    });

    this.client = this.pool.addClient('ApiClient', {
      // Sign-in by SRP from the customer's system or our front end; no hosted UI, so no OAuth redirect flows.
      authFlows: { userSrp: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, locale: true })
        .withCustomAttributes(customerIdAttribute),
      // Users may not change who they are or which customer they belong to: only administrators set these.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
    });

    for (const role of roles) {
      this.pool.addGroup(`Group-${role}`, { groupName: role, description: `The ${role} role` });
    }
  }
}
