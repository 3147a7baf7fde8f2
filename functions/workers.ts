import { eventSource } from '../shared/domain/events.ts';
import type { Grant } from '../shared/http/route.ts';
import { port } from '../shared/runtime.ts';

export type EventPattern = { source: string[]; 'detail-type': string[] };

/** Deployment settings a worker reads from its environment (infra/ makes each a stack parameter). */
export const settings = {
  'planning-email': {
    variable: 'PLANNING_EMAIL',
    description: "Customer-service planning's mailbox: planner reviews (R4)",
  },
  'pmc-email': { variable: 'PMC_EMAIL', description: "Production & material control's mailbox: promised dates (R5)" },
  'production-email': {
    variable: 'PRODUCTION_EMAIL',
    description: "Production's mailbox: contract modifications of orders in work (R14)",
  },
  'finance-email': { variable: 'FINANCE_EMAIL', description: "Finance's mailbox: deposits and payments (R9)" },
  'escalation-email': {
    variable: 'ESCALATION_EMAIL',
    description:
      'Who decides what nobody decided in time, after the escalation to the manager (e.g. the general manager)',
  },
  'cancellation-limits': {
    variable: 'CANCELLATION_LIMITS',
    description:
      "R16: per currency, the order amount up to which the customer's sales manager approves a cancellation (above it, or for a currency not listed, the general manager), e.g. CNY=50000;USD=7000;EUR=6500",
  },
  'general-manager-email': {
    variable: 'GENERAL_MANAGER_EMAIL',
    description: "The general manager's address: cancellations above the sales manager's limit (R16)",
  },
} as const;

export type Setting = keyof typeof settings;

/** A setting the calling function declares (`settings` below): from its environment, through the settings port. */
export function requiredSetting(setting: Setting) {
  const value = port('settings').get(settings[setting].variable);
  if (!value) throw new Error(`${settings[setting].variable} is not set`);
  return value;
}

export type WorkerDefinition = {
  name: string;
  description: string;
  handler: string;
  grants: readonly Grant[];
  /** Invoked by the table's stream, for the records matching the filter (the outbox's events). */
  tableStream?: { eventName: string[]; entity: string[] };
  /** Invoked by the event bus, one rule per entry. */
  rules?: { name: string; description: string; pattern: EventPattern }[];
  settings?: readonly Setting[];
};

const on = (...types: string[]): EventPattern => ({ source: [eventSource], 'detail-type': types });

/**
 * The functions that no HTTP route calls, with their triggers: read by infra/ (event source mapping, rules,
 * DLQs) and by the offline stack (stream poller, local bus), so that both wire the same things.
 */
export const workers: readonly WorkerDefinition[] = [
  {
    name: 'publish-events',
    description: 'Carries domain events from the table stream (the outbox) to the event bus',
    handler: 'functions/events/publish.ts',
    grants: ['events:put'],
    tableStream: { eventName: ['INSERT'], entity: ['event'] },
  },
  {
    name: 'notify',
    description: 'Sends the e-mails that domain events call for',
    handler: 'functions/notifications/notify.ts',
    grants: ['table:write', 'mail:send'],
    rules: [
      {
        name: 'customer-created',
        description: 'Tell the merchandiser about a new customer',
        pattern: on('CustomerCreated'),
      },
      {
        name: 'customer-reviewed',
        description: 'Tell merchandiser and sales manager the outcome of an onboarding review',
        pattern: on('CustomerActivated', 'CustomerRejected', 'CustomerReviewLapsed'),
      },
      {
        name: 'order-news',
        description: 'Tell the customer and the people concerned where an order stands (R6, R13)',
        pattern: on('OrderRejected', 'OrderReleased', 'OrderPromiseLate', 'OrderIntakeLapsed'),
      },
      {
        name: 'order-changes',
        description: 'Tell the customer and the departments how a change request ended (R13, R14)',
        pattern: on('ChangeRequestRefused', 'ChangeRequestLapsed', 'OrderChanged'),
      },
      {
        name: 'order-cancellations',
        description: 'Tell the customer, PMC and the merchandiser how a cancellation request ended (R16)',
        pattern: on('OrderCancelled', 'CancellationRefused', 'CancellationLapsed'),
      },
    ],
  },
  {
    name: 'start-workflows',
    description:
      'Starts the workflow an event calls for (a new customer → its onboarding review, a new order → intake)',
    handler: 'functions/workflows/start.ts',
    grants: ['workflows:start'],
    rules: [
      { name: 'customer-onboarding', description: 'Review every new customer (R10)', pattern: on('CustomerCreated') },
      { name: 'order-intake', description: 'Take every new order through intake (F1)', pattern: on('OrderPlaced') },
      {
        name: 'order-change',
        description: 'Take every change request through assessment and approval (F2)',
        pattern: on('ChangeRequested'),
      },
      {
        name: 'order-cancellation',
        description: 'Take every cancellation request to the authority its amount needs (R16)',
        pattern: on('CancellationRequested'),
      },
    ],
  },
  {
    name: 'resume-waiters',
    description: "Resumes the workflow steps waiting for a customer's review (R10: orders before planning)",
    handler: 'functions/workflows/resume.ts',
    grants: ['table:read', 'table:write', 'workflows:callback'],
    rules: [
      {
        name: 'customer-reviewed-resume',
        description: 'A customer passed or failed its review',
        pattern: on('CustomerActivated', 'CustomerRejected'),
      },
    ],
  },
  {
    name: 'request-approval',
    description: 'Asks a person for a decision: stores the approval and e-mails its link (waitForTaskToken tasks)',
    handler: 'functions/approvals/request.ts',
    grants: ['table:read', 'table:write', 'mail:send'],
  },
  {
    name: 'customer-onboarding',
    description: "The customer-onboarding workflow's steps: load the customer, record the outcome",
    handler: 'functions/customers/onboarding.ts',
    grants: ['table:read', 'table:write'],
    settings: ['escalation-email'],
  },
  {
    name: 'order-intake',
    description: "The order-intake workflow's steps: load the order, move it on, record the outcome",
    handler: 'functions/orders/intake.ts',
    grants: ['table:read', 'table:write', 'workflows:callback', 'mail:send'],
    settings: ['planning-email', 'pmc-email', 'finance-email'],
  },
  {
    name: 'order-change',
    description: "The order-change workflow's steps: assess, prepare the contract modification form, apply or refuse",
    handler: 'functions/order-changes/change.ts',
    grants: ['table:read', 'table:write'],
    settings: ['planning-email', 'pmc-email', 'production-email'],
  },
  {
    name: 'order-cancellation',
    description:
      "The order-cancellation workflow's steps: who decides by amount (R16), cancel (credit for a deposit), stop the order's workflows",
    handler: 'functions/order-cancellations/cancellation.ts',
    grants: ['table:read', 'table:write', 'workflows:stop'],
    settings: ['cancellation-limits', 'general-manager-email', 'pmc-email'],
  },
];
