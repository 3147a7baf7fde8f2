import { complaint } from './complaint.ts';
import { customerOnboarding } from './customer-onboarding.ts';
import { customerTermsChange } from './customer-terms-change.ts';
import { functionArnPlaceholder, type Workflow } from './kit/workflow.ts';
import { ledgerAdjustment } from './ledger-adjustment.ts';
import { orderCancellation } from './order-cancellation.ts';
import { orderChange } from './order-change.ts';
import { orderIntake } from './order-intake.ts';
import { quotation } from './quotation.ts';
import { returnFlow } from './return.ts';
import { shipping } from './shipping.ts';
import { statement } from './statement.ts';

/**
 * Every workflow, each declared once in `state-machines/<name>.ts`: the event that starts it, its input and
 * execution name, its states. `npm run workflows` writes each definition to `<name>.asl.json`, which CDK and the
 * offline engine load; the workers a definition invokes are read from it.
 */
export const workflows: readonly Workflow[] = [
  customerOnboarding,
  customerTermsChange,
  orderIntake,
  orderChange,
  orderCancellation,
  shipping,
  complaint,
  returnFlow,
  ledgerAdjustment,
  statement,
  quotation,
];

/** What infra/ and the offline stack need of a state machine. */
export type StateMachineDefinition = Pick<Workflow, 'name' | 'description' | 'invokes'>;

export const stateMachines: readonly StateMachineDefinition[] = workflows;

export const aslFile = (name: string) => `${name}.asl.json`;

/** The ASL text of a workflow, as `npm run workflows` writes it. */
export const aslText = (workflow: Workflow) => `${JSON.stringify(workflow.definition, null, 2)}\n`;

export { functionArnPlaceholder };
