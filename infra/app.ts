import { buildApp, describeStacks } from './assembly.ts';

/*
 * The CDK app (`npx cdk synth` runs this file, see cdk.json). Synth needs no account: nothing is looked up.
 *
 * The stage is CDK context (`-c stage=prod`; `dev` by default, see cdk.json): it prefixes every stack name
 * (`dev-OrderFollowUp-Data`, `dev-OrderFollowUp-Api`, `dev-OrderFollowUp-Orders`, …) and every name the app sets
 * explicitly, so that two stages deploy into one account.
 *
 * Deploy-time values (the sender, the mailboxes, the cancellation limits) are CloudFormation parameters of the
 * Data stack only; the other stacks read them from SSM Parameter Store. Parameters are given per stack:
 *
 *   npx cdk deploy --all -c stage=dev \
 *     --parameters dev-OrderFollowUp-Data:MailFrom=orders@example.com \
 *     --parameters dev-OrderFollowUp-Data:MailDomain=example.com …
 *
 * (README.md, "Deploying to AWS", has the whole command.) The company's time zone is not a parameter: it belongs
 * to each schedule (state-machines/schedules.ts), which the offline scheduler reads too.
 */
const { app, stacks } = buildApp();
const assembly = app.synth();
// Stderr: `cdk synth <stack>` prints the template on stdout.
console.error(describeStacks(assembly, stacks).join('\n  '));
