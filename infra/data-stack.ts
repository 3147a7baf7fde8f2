import { Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { Alarms, alarmTopic } from './alarms.ts';
import { archiveBucket } from './archive.ts';
import type { Deployment } from './deployment.ts';
import { logsKey } from './logs.ts';
import { mailConfigurationSet } from './mail.ts';
import { settingParameters } from './settings.ts';
import { offer } from './shared.ts';
import { singleTable } from './table.ts';
import { Users } from './users.ts';

/**
 * What must outlive every other stack of a stage, and what they all share: the single table and its archive, the users, the
 * event bus, the key of the log groups, the alarm topic (operators subscribe to it by hand), the SES
 * configuration set and the deployment settings. Termination protection is on; the table and the user pool are
 * deletion-protected and retained as well.
 */
export class DataStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { deployment: Deployment }) {
    super(scope, id, { terminationProtection: true, ...props });
    const { deployment } = props;
    const key = logsKey(this);
    const table = singleTable(this);
    const archive = archiveBucket(this);
    const bus = new EventBus(this, 'Bus', { description: 'Domain events of the order follow-up platform' });
    const topic = alarmTopic(this);
    const configurationSet = mailConfigurationSet(this, new Alarms(topic));
    const setting = settingParameters(this, deployment);
    const users = new Users(this, 'Users', {
      mailFrom: setting('mail-from'),
      mailDomain: setting('mail-domain'),
      configurationSetName: configurationSet.configurationSetName,
    });

    if (!table.tableStreamArn) throw new Error('the table has no stream');
    offer(this, deployment, 'TableName', table.tableName);
    offer(this, deployment, 'TableStreamArn', table.tableStreamArn);
    offer(this, deployment, 'ArchiveBucketName', archive.bucketName);
    offer(this, deployment, 'EventBusName', bus.eventBusName);
    offer(this, deployment, 'LogsKeyArn', key.keyArn);
    offer(this, deployment, 'AlarmTopicArn', topic.topicArn);
    offer(this, deployment, 'MailConfigurationSetName', configurationSet.configurationSetName);
    offer(this, deployment, 'UserPoolId', users.pool.userPoolId);
    offer(this, deployment, 'UserPoolClientId', users.client.userPoolClientId);
  }
}
