import type { Decision } from '../schemas/approval.ts';

type Outcome = Decision['outcome'];

/** A sentence for people, in both languages. */
export type Said = { 'zh-CN': string; en: string };

type NextSteps = Record<Outcome, Said>;

const orderRefused: Said = {
  'zh-CN': '订单不予接受：客户会收到附有您理由的书面答复，跟单员也会收到通知。',
  en: 'The order is refused: the customer gets your reason in writing, and the merchandiser is told.',
};

/**
 * What happens after a decision, and who acts next: what the approver reads once they have decided. One entry per
 * workflow step (by flow and step, as the state machines in state-machines/ name them); a step not listed here gets
 * the general sentence below. Business words only: the rules behind them are cited in the workflow declarations.
 */
const nextSteps: Record<string, NextSteps> = {
  'customer-onboarding/merchandiser-review': {
    approve: {
      'zh-CN': '接下来由客户的业务经理（客户负责人的上级）审批，他会收到邮件。',
      en: "The customer's sales manager (the account owner's leader) approves next, from the e-mail they receive.",
    },
    reject: {
      'zh-CN': '客户不予建档，记录为“已拒绝”并附您的理由。',
      en: 'The customer is not opened: it is recorded as rejected, with your reason.',
    },
  },
  'customer-onboarding/sales-manager-approval': {
    approve: {
      'zh-CN': '客户已生效：其订单可以进入计划评审。跟单员会收到通知。',
      en: 'The customer is active: its orders can go on to planning. The merchandiser is told.',
    },
    reject: {
      'zh-CN': '客户不予建档，记录为“已拒绝”并附您的理由。',
      en: 'The customer is not opened: it is recorded as rejected, with your reason.',
    },
  },
  'customer-terms-change/terms-change-approval': {
    approve: {
      'zh-CN': '新的条款即时生效；申请人会收到邮件。',
      en: 'The new terms apply from now on; the requester is told by e-mail.',
    },
    reject: {
      'zh-CN': '条款保持不变；申请人会收到附有您理由的邮件。',
      en: 'The terms stay as they are; the requester gets your reason by e-mail.',
    },
  },
  'order-intake/merchandiser-review': {
    approve: {
      'zh-CN': '接下来由值班的客服计划员进行汇审，他会收到邮件。',
      en: 'The planner on duty reviews the order next, from the e-mail they receive.',
    },
    reject: orderRefused,
  },
  'order-intake/planner-review': {
    approve: {
      'zh-CN': '接下来由值班的 PMC 回复承诺交期，他会收到邮件。',
      en: 'PMC on duty replies the promised date next, from the e-mail they receive.',
    },
    reject: orderRefused,
  },
  'order-intake/pmc-promise': {
    approve: {
      'zh-CN': '客户会收到附有承诺交期的书面确认；如需订金，由财务确认到账后订单下达生产。',
      en: 'The customer gets the written acknowledgement with the promised date; where a deposit is due, finance confirms it, then the order is released to production.',
    },
    reject: orderRefused,
  },
  'order-intake/deposit': {
    approve: {
      'zh-CN': '订单下达生产，PMC 会收到通知。',
      en: 'The order is released to production, and PMC is told.',
    },
    reject: {
      'zh-CN': '订单继续等待订金；财务会再次收到确认请求。',
      en: 'The order keeps waiting for its deposit; finance is asked again.',
    },
  },
  'order-change/pmc-assessment': {
    approve: {
      'zh-CN': '跟单员据此填写客户合同修改单，交值班的客服计划员审批。',
      en: "The merchandiser's contract modification form goes to the planner on duty for approval.",
    },
    reject: {
      'zh-CN': '变更不予接受：客户会收到书面答复。',
      en: 'The change is refused: the customer is told in writing.',
    },
  },
  'order-change/planner-approval': {
    approve: {
      'zh-CN': '订单生成新的版本；合同修改单发给 PMC、生产和计划部门。',
      en: 'The order becomes its next revision; the form goes to PMC, production and planning.',
    },
    reject: {
      'zh-CN': '变更不予接受，订单保持原样；客户会收到书面答复。',
      en: 'The change is refused and the order stays as it was; the customer is told in writing.',
    },
  },
  'order-cancellation/cancellation-approval': {
    approve: {
      'zh-CN': '订单已取消：相关流程停止，已收订金记为应退客户款；客户、PMC 和跟单员会收到通知。',
      en: 'The order is cancelled: its workflows stop, a deposit received is owed back as a credit, and the customer, PMC and the merchandiser are told.',
    },
    reject: {
      'zh-CN': '订单照常进行；申请人会收到附有您理由的邮件。',
      en: 'The order goes on unchanged; the requester gets your reason by e-mail.',
    },
  },
};

const general: NextSteps = {
  approve: {
    'zh-CN': '流程继续：下一位处理人会收到邮件。',
    en: 'The workflow goes on: whoever acts next is asked by e-mail.',
  },
  reject: {
    'zh-CN': '流程按拒绝处理，相关人员会收到附有您理由的通知。',
    en: 'The workflow goes on as refused; those concerned are told, with your reason.',
  },
};

/** What happens after this outcome of this step, and who acts. */
export const nextStep = (flow: string, step: string, outcome: Outcome): Said =>
  (nextSteps[`${flow}/${step}`] ?? general)[outcome];
