import { buildApp } from './assembly.ts';

/*
 * The CDK app (`npx cdk synth` runs this file, see cdk.json). Synth needs no account: nothing is looked up.
 *
 * Deploy-time values are CloudFormation parameters of the stack `OrderFollowUp`:
 *   MailFrom    the sender address of every e-mail, e.g. orders@example.com
 *   MailDomain  the e-mail domain the stack may send from, e.g. example.com
 * Either the address or the domain must be a verified SES identity in the target account and region:
 *
 *   npx cdk deploy --parameters MailFrom=orders@example.com --parameters MailDomain=example.com
 *
 * The company's time zone is not a parameter: it belongs to each schedule (state-machines/schedules.ts), which
 * the offline scheduler reads too.
 */
buildApp();
