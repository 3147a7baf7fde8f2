import { CfnParameter, type Stack } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { type Setting, settings } from '../functions/workers.ts';
import { pascalCase } from '../shared/naming.ts';
import type { Deployment } from './deployment.ts';

type SettingSpec = { description: string; allowedPattern?: string; constraintDescription?: string };

/** The sender of every e-mail: infra's own settings, beside those the workers declare (functions/workers.ts). */
const mailSettings = {
  'mail-from': {
    description: 'Sender address of every e-mail, e.g. orders@example.com: verified in SES, or in MailDomain',
    allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    constraintDescription: 'must be an e-mail address',
  },
  'mail-domain': {
    description: 'The e-mail domain the stack may send from, e.g. example.com (an SES domain identity)',
    allowedPattern: '^[a-z0-9.-]+\\.[a-z]{2,}$',
    constraintDescription: 'must be a lower-case domain name',
  },
} satisfies Record<string, SettingSpec>;

export type DeploymentSetting = keyof typeof mailSettings | Setting;

export const deploymentSettings: Record<DeploymentSetting, SettingSpec> = {
  ...mailSettings,
  ...(Object.fromEntries(Object.entries(settings).map(([name, { description }]) => [name, { description }])) as Record<
    Setting,
    SettingSpec
  >),
};

/** `escalation-email` → the parameter `EscalationEmail` of the Data stack. */
export const settingParameterId = (setting: DeploymentSetting) => pascalCase(setting);

/**
 * The deployment settings as parameters of one stack (the Data stack), the only place a deployer gives them,
 * each kept in an SSM parameter for the stacks whose functions read it. Not exported: CloudFormation refuses to
 * change an exported value while another stack imports it, and a setting must be changeable.
 */
export function settingParameters(stack: Stack, deployment: Deployment) {
  const values = new Map<DeploymentSetting, string>();
  for (const [name, spec] of Object.entries(deploymentSettings) as [DeploymentSetting, SettingSpec][]) {
    const parameter = new CfnParameter(stack, settingParameterId(name), { type: 'String', ...spec });
    values.set(name, parameter.valueAsString);
    new StringParameter(stack, `Setting-${name}`, {
      parameterName: deployment.settingParameterName(name),
      stringValue: parameter.valueAsString,
      description: spec.description.slice(0, 1024),
    });
  }
  /** A setting's value in this stack (its parameter). */
  return (name: DeploymentSetting) => values.get(name) as string;
}

/**
 * A setting as the stack of `scope` reads it: a parameter of type `AWS::SSM::Parameter::Value<String>` that
 * CloudFormation resolves at each deploy. Created on first use, so a stack has only the settings it reads; a
 * setting changed in the Data stack reaches the functions with the next `cdk deploy --all`.
 */
export function settingValue(scope: Construct, deployment: Deployment, name: DeploymentSetting) {
  return StringParameter.valueForStringParameter(scope, deployment.settingParameterName(name));
}
