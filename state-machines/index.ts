import { pascalCase } from '../shared/naming.ts';

/**
 * The state machines: each is `state-machines/<name>.asl.json` (JSONPath ASL). `${XxxFunctionArn}` placeholders
 * name the workers (functions/workers.ts) a machine invokes — infra/ substitutes their ARNs, the offline engine
 * their local names — so both run the very same file.
 */
export type StateMachineDefinition = {
  name: string;
  description: string;
  /** Worker names the definition invokes, each referenced as `${<PascalCaseName>FunctionArn}`. */
  invokes: readonly string[];
};

export const stateMachines: readonly StateMachineDefinition[] = [
  {
    name: 'customer-onboarding',
    description: 'R10: review and approval of a new customer before its first order goes to planning',
    invokes: ['request-approval', 'customer-onboarding'],
  },
  {
    name: 'order-intake',
    description: 'F1: initial review, planner review, promised date, acknowledgement, deposit, release to production',
    invokes: ['request-approval', 'order-intake'],
  },
  {
    name: 'order-change',
    description:
      'F2: PMC assesses a change request (R11, R12), the planner approves its contract modification form (R14), the order becomes its next revision',
    invokes: ['request-approval', 'order-change'],
  },
  {
    name: 'order-cancellation',
    description:
      'R16: a cancellation approved by the authority its amount needs (sales manager up to the limit, else the general manager); the order is cancelled and its workflows stopped',
    invokes: ['request-approval', 'order-cancellation'],
  },
];

/** request-approval → RequestApprovalFunctionArn */
export const functionArnPlaceholder = (worker: string) => `${pascalCase(worker)}FunctionArn`;

export const aslFile = (name: string) => `${name}.asl.json`;
