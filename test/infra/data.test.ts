import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../functions/workers.ts';
import { bounceRateAlarmThreshold } from '../../infra/mail.ts';
import { deploymentSettings, settingParameterId } from '../../infra/settings.ts';
import { roles } from '../../shared/domain/roles.ts';
import { tableDefinition } from '../../shared/persistence/table.ts';
import { exportOf, resourcesIn, resourcesOfApp, stackNamed, synthesizedApp, templateOf } from './synthesized.ts';

// The one synth of the test run (test/infra/synthesized.ts): whichever file runs first pays for it.
beforeAll(() => {
  synthesizedApp();
});

/** The stateful, shared stack: everything here must outlive the other stacks. */
const data = () => stackNamed('Data');
const template = () => templateOf(data());

function single(type: string) {
  const all = resourcesIn(data(), type);
  expect(all).toHaveLength(1);
  return all[0] as (typeof all)[number];
}

describe('the single table', () => {
  it('is on demand, recoverable, protected, streamed, expiring, with the GSIs of the definition', () => {
    expect(resourcesOfApp('AWS::DynamoDB::GlobalTable')).toHaveLength(1);
    template().hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
    const [, table] = single('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('is offered to the other stacks by name and stream', () => {
    const [tableId] = single('AWS::DynamoDB::GlobalTable');
    expect(exportOf('TableName')).toEqual({ stack: data(), value: { Ref: tableId } });
    expect(exportOf('TableStreamArn')).toEqual({ stack: data(), value: { 'Fn::GetAtt': [tableId, 'StreamArn'] } });
  });
});

describe('the archive (R42)', () => {
  it('keeps point-in-time recovery on the table: the 35 days any moment can be restored to and exported from', () => {
    template().hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
        }),
      ],
    });
  });

  it('is a bucket kept safe: encrypted, TLS only, never public, versioned, retained, moved to colder storage', () => {
    const [bucketId, bucket] = single('AWS::S3::Bucket');
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        Prefix: 'exports/',
        Status: 'Enabled',
        Transitions: [
          { StorageClass: 'GLACIER_IR', TransitionInDays: 90 },
          { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 },
        ],
      }),
    ]);
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(exportOf('ArchiveBucketName')).toEqual({ stack: data(), value: { Ref: bucketId } });
  });
});

describe('users', () => {
  it('is a user pool without self sign-up, with a strong password policy, threat protection and customerId', () => {
    template().hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'customerId', AttributeDataType: 'String' })]),
    });
  });

  it("sends its mail through SES, from the deployment's sender, with the configuration set", () => {
    const [setId] = single('AWS::SES::ConfigurationSet');
    template().hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: { Ref: 'MailFrom' },
        ConfigurationSet: { Ref: setId },
        SourceArn: {
          'Fn::Join': ['', Match.arrayWith([':identity/', { Ref: 'MailDomain' }])],
        },
      },
    });
  });

  it('has one group per role', () => {
    const groups = resourcesIn(data(), 'AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it('lets the app client read custom:customerId but never write it', () => {
    const [, client] = single('AWS::Cognito::UserPoolClient');
    expect(client.Properties.ReadAttributes).toContain('custom:customerId');
    expect(client.Properties.WriteAttributes).not.toContain('custom:customerId');
    expect(client.Properties.WriteAttributes).not.toContain('email');
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
  });
});

describe('events', () => {
  it('has one custom bus, offered to the other stacks by name', () => {
    expect(resourcesOfApp('AWS::Events::EventBus')).toHaveLength(1);
    const [busId] = single('AWS::Events::EventBus');
    expect(exportOf('EventBusName')).toEqual({ stack: data(), value: { Ref: busId } });
  });
});

describe('the alarm topic', () => {
  it('is one encrypted, TLS-only topic', () => {
    expect(resourcesOfApp('AWS::SNS::Topic')).toHaveLength(1);
    template().hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template().hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(exportOf('AlarmTopicArn')).toEqual({ stack: data(), value: { Ref: single('AWS::SNS::Topic')[0] } });
  });
});

describe('mail', () => {
  it('has a configuration set that requires TLS', () => {
    template().hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const [setId] = single('AWS::SES::ConfigurationSet');
    expect(exportOf('MailConfigurationSetName')).toEqual({ stack: data(), value: { Ref: setId } });
  });

  it('sends bounces and complaints to the default event bus (the only one SES publishes to)', () => {
    const [setId] = single('AWS::SES::ConfigurationSet');
    template().hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: setId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: {
          EventBusArn: { 'Fn::Join': ['', Match.arrayWith([':event-bus/default'])] },
        },
      },
    });
  });

  it('alarms on the bounce rate of the configuration set, to the alarm topic', () => {
    const [setId] = single('AWS::SES::ConfigurationSet');
    const [topicId] = single('AWS::SNS::Topic');
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Dimensions: [{ Name: 'ses:configuration-set', Value: { Ref: setId } }],
      Threshold: bounceRateAlarmThreshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('takes the sender as parameters, checked as an address and a domain', () => {
    template().hasParameter('MailFrom', { Type: 'String', AllowedPattern: Match.anyValue() });
    template().hasParameter('MailDomain', { Type: 'String', AllowedPattern: Match.anyValue() });
  });
});

describe('deployment settings', () => {
  it('are parameters of the Data stack only, each kept in an SSM parameter named with the stage', () => {
    const { deployment, stacks } = synthesizedApp();
    const names = Object.keys(deploymentSettings) as (keyof typeof deploymentSettings)[];
    expect(names).toEqual(expect.arrayContaining([...Object.keys(settings), 'mail-from', 'mail-domain']));
    const parameters = template().toJSON().Parameters;
    for (const name of names) {
      expect(parameters[settingParameterId(name)], name).toMatchObject({ Type: 'String' });
      template().hasResourceProperties('AWS::SSM::Parameter', {
        Name: deployment.settingParameterName(name),
        Type: 'String',
        Value: { Ref: settingParameterId(name) },
      });
    }
    for (const stack of stacks.filter((stack) => stack !== data())) {
      const types = Object.values(templateOf(stack).toJSON().Parameters ?? {}).map((p) => (p as { Type: string }).Type);
      expect(
        types.every((type) => type === 'AWS::SSM::Parameter::Value<String>'),
        stack.stackName,
      ).toBe(true);
    }
  });
});

describe('outputs', () => {
  it('name the user pool, client, table, bus and alarm topic', () => {
    expect(Object.keys(template().findOutputs('*'))).toEqual(
      expect.arrayContaining(['UserPoolId', 'UserPoolClientId', 'TableName', 'EventBusName', 'AlarmTopicArn']),
    );
    const [tableId] = single('AWS::DynamoDB::GlobalTable');
    template().hasOutput('TableName', { Value: { Ref: tableId } });
  });
});
