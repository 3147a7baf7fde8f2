import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../../infra/assembly.ts';
import type { ContextStack } from '../../infra/context-stack.ts';
import type { DeploymentSetting } from '../../infra/settings.ts';
import type { SharedValue } from '../../infra/shared.ts';

export type Resource = { Type: string; Properties: Record<string, any> };

type Synthesized = ReturnType<typeof buildApp> & { assembly: CloudAssembly };

let synthesized: Synthesized | undefined;

/**
 * The app of the default stage, built and synthesized once per test run and shared by every infra test file:
 * the infra project runs its files in one worker without isolation (vitest.config.ts), so they all import this
 * one module. Bundling the functions with esbuild is most of the time a synth takes.
 */
export function synthesizedApp(): Synthesized {
  if (!synthesized) {
    const started = performance.now();
    // A finding then fails the cdk-nag test by name, instead of the synth that every test needs.
    const built = buildApp(new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } }));
    synthesized = { ...built, assembly: built.app.synth() };
    console.log(`The app, synthesized once for every infra test file: ${Math.round(performance.now() - started)} ms`);
  }
  return synthesized;
}

const templates = new Map<Stack, Template>();

export function templateOf(stack: Stack) {
  let template = templates.get(stack);
  if (!template) {
    template = Template.fromStack(stack);
    templates.set(stack, template);
  }
  return template;
}

/** A stack of the app by the part of its name after the stage prefix: `Data`, `Api`, `Orders`… */
export function stackNamed(part: string) {
  const { stacks, deployment } = synthesizedApp();
  const stack = stacks.find((candidate) => candidate.stackName === deployment.stackName(part));
  if (!stack) throw new Error(`no stack ${part}`);
  return stack;
}

export const resourcesIn = (stack: Stack, type: string) =>
  Object.entries(templateOf(stack).findResources(type) as Record<string, Resource>);

/** Every resource of a type in every stack of the app, with its stack and logical id. */
export const resourcesOfApp = (type: string) =>
  synthesizedApp().stacks.flatMap((stack) =>
    resourcesIn(stack, type).map(([id, resource]) => ({ stack, id, resource })),
  );

export const logicalIdIn = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** The construct of a route (by operationId), worker (by name) or workflow (`workflow-<name>`) and its stack. */
export function unitNamed(name: string) {
  for (const stack of synthesizedApp().contexts.values()) {
    const unit = stack.node.tryFindChild(name);
    if (unit) return { stack: stack as ContextStack, unit };
  }
  throw new Error(`no route, worker or workflow ${name}`);
}

/** The function of a route (by operationId) or of a worker (by name), as synthesized, with its stack. */
export function functionOf(name: string) {
  const { stack, unit } = unitNamed(name);
  const logicalId = logicalIdIn(stack, unit.node.findChild('Function'));
  const resource = templateOf(stack).findResources('AWS::Lambda::Function')[logicalId] as Resource | undefined;
  if (!resource) throw new Error(`no function ${name}`);
  return { stack, logicalId, resource };
}

/** The logical id of a construct below a route's, worker's or workflow's: `logicalIdOf('notify', 'DeadLetters')`. */
export function logicalIdOf(name: string, ...path: string[]) {
  const { stack, unit } = unitNamed(name);
  return logicalIdIn(
    stack,
    path.reduce((construct, id) => construct.node.findChild(id), unit),
  );
}

/** Every IAM statement of the function's role. */
export function statementsOf(name: string) {
  const { stack, resource } = functionOf(name);
  const role = resource.Properties.Role['Fn::GetAtt'][0];
  return resourcesIn(stack, 'AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}

/** Every action the function's role may take. */
export const actionsOf = (name: string) =>
  statementsOf(name).flatMap((statement: { Action: string | string[] }) => [statement.Action].flat());

/** How a stack of the app imports a value another offers. */
export const importOf = (name: SharedValue | `${string}FunctionArn`) => ({
  'Fn::ImportValue': synthesizedApp().deployment.exportName(name),
});

/** The stack that exports `name` and the value it exports. */
export function exportOf(name: SharedValue | `${string}FunctionArn`) {
  const exportName = synthesizedApp().deployment.exportName(name);
  const found = synthesizedApp().stacks.flatMap((stack) =>
    Object.values(templateOf(stack).findOutputs('*'))
      .filter((output) => output.Export?.Name === exportName)
      .map((output) => ({ stack, value: output.Value })),
  );
  if (found.length !== 1) throw new Error(`${exportName} is exported ${found.length} times`);
  return found[0] as { stack: Stack; value: unknown };
}

/** How a stack reads a deployment setting: `Ref` to its SSM-typed parameter naming the setting's SSM parameter. */
export function settingIn(stack: Stack, setting: DeploymentSetting) {
  const name = synthesizedApp().deployment.settingParameterName(setting);
  const parameters = Object.entries(templateOf(stack).toJSON().Parameters ?? {}) as [
    string,
    { Type: string; Default?: string },
  ][];
  const found = parameters.filter(
    ([, parameter]) => parameter.Type === 'AWS::SSM::Parameter::Value<String>' && parameter.Default === name,
  );
  if (found.length !== 1) throw new Error(`${stack.stackName} reads ${setting} ${found.length} times`);
  return { Ref: (found[0] as [string, unknown])[0] };
}

export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
