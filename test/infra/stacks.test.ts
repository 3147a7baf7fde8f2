import { App, type Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import { buildApp, describeStacks, measureStacks } from '../../infra/assembly.ts';
import { contextStacks, resourceBudget } from '../../infra/contexts.ts';
import { Deployment } from '../../infra/deployment.ts';
import { stateMachines } from '../../state-machines/index.ts';
import { stackNamed, synthesizedApp, templateOf } from './synthesized.ts';

// The one synth of the test run (test/infra/synthesized.ts): whichever file runs first pays for it.
beforeAll(() => {
  synthesizedApp();
});

const stackNames = (stacks: readonly Stack[]) => stacks.map((stack) => stack.stackName);

/** Every `Fn::ImportValue` in a template: the export names it reads. */
function importsOf(template: unknown): string[] {
  if (Array.isArray(template)) return template.flatMap(importsOf);
  if (template && typeof template === 'object') {
    const imported = (template as Record<string, unknown>)['Fn::ImportValue'];
    if (typeof imported === 'string') return [imported];
    return Object.values(template).flatMap(importsOf);
  }
  return [];
}

const exportsOf = (template: { Outputs?: Record<string, { Export?: { Name: string } }> }) =>
  Object.values(template.Outputs ?? {}).flatMap((output) => (output.Export ? [output.Export.Name] : []));

describe('the stacks of a stage', () => {
  it('are the Data and Api stacks, one per group of contexts and the Gateway, each named with the stage', () => {
    const { stacks, deployment } = synthesizedApp();
    expect(deployment.stage).toBe('dev');
    expect(stackNames(stacks)).toEqual([
      'dev-OrderFollowUp-Data',
      'dev-OrderFollowUp-Api',
      ...contextStacks.map((stack) => `dev-OrderFollowUp-${stack.name}`),
      'dev-OrderFollowUp-Gateway',
    ]);
  });

  it('protect the stateful ones (and the API and its stage, which serve the e-mailed links) from termination', () => {
    const { stacks, assembly } = synthesizedApp();
    const protectedStacks = stacks.filter((stack) => assembly.getStackArtifact(stack.artifactId).terminationProtection);
    expect(stackNames(protectedStacks)).toEqual([
      'dev-OrderFollowUp-Data',
      'dev-OrderFollowUp-Api',
      'dev-OrderFollowUp-Gateway',
    ]);
  });

  it('keep functions, routes and workflows out of the Data, Api and Gateway stacks, which do not grow with them', () => {
    for (const part of ['Data', 'Api', 'Gateway']) {
      const types = Object.values(templateOf(stackNamed(part)).toJSON().Resources ?? {}).map(
        (resource) => (resource as { Type: string }).Type,
      );
      for (const type of ['AWS::Lambda::Function', 'AWS::ApiGatewayV2::Route', 'AWS::StepFunctions::StateMachine']) {
        expect(types, part).not.toContain(type);
      }
    }
  });

  it('deploy each route, worker and workflow of the definitions exactly once, in the stack of its context', () => {
    const { contexts } = synthesizedApp();
    const plans = [...contexts.values()].map((stack) => stack.plan);
    expect(plans.flatMap((plan) => plan.routes.map((route) => route.operationId)).sort()).toEqual(
      routes.map((route) => route.operationId).sort(),
    );
    expect(plans.flatMap((plan) => plan.workers.map((worker) => worker.name)).sort()).toEqual(
      workers.map((worker) => worker.name).sort(),
    );
    expect(plans.flatMap((plan) => plan.workflows.map((workflow) => workflow.name)).sort()).toEqual(
      stateMachines.map((workflow) => workflow.name).sort(),
    );
    for (const plan of plans) {
      for (const { handler } of [...plan.routes, ...plan.workers]) {
        expect(plan.contexts, handler).toContain(handler.split('/')[1]);
      }
    }
  });

  it('share values only through exports named with the stage, each imported from a stack deployed before', () => {
    const { stacks, deployment } = synthesizedApp();
    const exporters = new Map<string, Stack>();
    for (const stack of stacks) {
      for (const name of exportsOf(templateOf(stack).toJSON())) {
        expect(exporters.has(name), name).toBe(false);
        expect(name.startsWith(`${deployment.prefix}-`), name).toBe(true);
        // CDK's automatic cross-stack references would be named `<stack>:ExportsOutput…`.
        expect(name).not.toMatch(/ExportsOutput/);
        exporters.set(name, stack);
      }
    }
    for (const stack of stacks) {
      for (const name of new Set(importsOf(templateOf(stack).toJSON()))) {
        const exporter = exporters.get(name);
        expect(exporter, `${stack.stackName} imports ${name}`).toBeDefined();
        expect(exporter).not.toBe(stack);
        expect(stack.dependencies, `${stack.stackName} imports ${name}`).toContain(exporter);
      }
    }
  });

  it('stay within the budget of resources, now and with room for the growth each context must be able to take', () => {
    const { stacks, assembly } = synthesizedApp();
    console.log(describeStacks(assembly, stacks).join('\n'));
    const measured = measureStacks(assembly, stacks);
    expect(measured.costs.route).toBeGreaterThan(0);
    expect(measured.costs.worker).toBeGreaterThan(0);
    expect(measured.costs.workflow).toBeGreaterThan(0);
    for (const row of [...measured.stacks, ...measured.announced]) {
      expect(row.resources, row.name).toBeLessThanOrEqual(resourceBudget);
      expect(row.projected, row.name).toBeLessThanOrEqual(resourceBudget);
    }
    for (const stack of stacks) {
      const resources = Object.keys(templateOf(stack).toJSON().Resources ?? {}).length;
      expect(measured.stacks.find((row) => row.name === stack.stackName)?.resources).toBe(resources);
    }
  });
});

describe('a second stage', () => {
  /** Names CloudFormation or the services hold unique per account and region. */
  function explicitNames(stacks: readonly Stack[]) {
    const names: string[] = [...stackNames(stacks)];
    for (const stack of stacks) {
      const template = templateOf(stack).toJSON();
      names.push(...exportsOf(template));
      for (const resource of Object.values(template.Resources ?? {}) as { Type: string; Properties?: object }[]) {
        const properties = (resource.Properties ?? {}) as Record<string, unknown>;
        if (resource.Type === 'AWS::StepFunctions::StateMachine') names.push(properties.StateMachineName as string);
        if (resource.Type === 'AWS::SSM::Parameter') names.push(properties.Name as string);
        if (resource.Type === 'AWS::Events::EventBus') names.push(properties.Name as string);
      }
    }
    return names;
  }

  it('deploys from the same app into the same account: no name in common with the first', () => {
    // Bundling is skipped: only names are compared.
    const prod = buildApp(new App({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [] } }));
    const dev = explicitNames(synthesizedApp().stacks);
    const names = explicitNames(prod.stacks);
    expect(names.length).toBe(dev.length);
    expect(names.filter((name) => !/prod-?OrderFollowUp/.test(name))).toEqual([]);
    expect(names.filter((name) => dev.includes(name))).toEqual([]);
    // The SSM-typed parameters of prod's stacks read prod's settings.
    for (const stack of prod.stacks) {
      for (const parameter of Object.values(templateOf(stack).toJSON().Parameters ?? {}) as { Default?: string }[]) {
        if (parameter.Default?.includes('OrderFollowUp')) expect(parameter.Default).toMatch(/^\/prod-OrderFollowUp\//);
      }
    }
  });

  it('is a short lower-case name', () => {
    expect(new Deployment('prod').prefix).toBe('prod-OrderFollowUp');
    expect(() => new Deployment('Prod')).toThrow(/stage/);
    expect(() => new Deployment('a-very-long-stage-name')).toThrow(/stage/);
  });
});
