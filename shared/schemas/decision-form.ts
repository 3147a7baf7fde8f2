import * as z from 'zod';

/**
 * What a decider enters with a decision, declared per workflow step as a zod object of these fields. The one
 * schema renders the confirmation page's form (labels in both languages, input types, required marks), validates
 * what the page or the API sends (`values`), and types what the workflow receives (`$.<result>.values`).
 */
export type Label = { 'zh-CN': string; en: string };

export type FieldInput = 'date' | 'money' | 'weight' | 'count' | 'choice' | 'text' | 'reference' | 'line-quantities';

/**
 * Which dates make sense for a date field, against the company's today when the decision is made (checked by
 * `decide`, shared/domain/approval.ts): a promise is of a day to come, a receipt of a day that has been.
 */
export type DateRule = 'today-or-later' | 'today-or-earlier';

export type FieldMeta = {
  label: Label;
  input: FieldInput;
  options?: { value: string; label: Label }[];
  dates?: DateRule;
  /** A text's most characters: a short one (a name, a plate) is one line on the page, a longer one a box. */
  maxLength?: number;
};

const labelled = <T extends z.ZodType>(schema: T, meta: FieldMeta) => schema.meta({ form: meta });

export const field = {
  date: (label: Label, dates?: DateRule) =>
    labelled(z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }), {
      label,
      input: 'date',
      ...(dates ? { dates } : {}),
    }),
  /** An amount of money in the subject's currency, to the cent. */
  money: (label: Label) =>
    labelled(
      z
        .number({ error: 'must be an amount' })
        .positive('must be more than 0')
        .max(1e12, 'is too large')
        .refine((n) => Math.round(n * 100) === Number((n * 100).toFixed(6)), 'has more than 2 decimals'),
      { label, input: 'money' },
    ),
  /** Kilograms, to the gram (R21: the gross weight of what ships). */
  weight: (label: Label) =>
    labelled(
      z
        .number({ error: 'must be a weight in kg' })
        .positive('must be more than 0')
        .max(1_000_000, 'is too heavy for one delivery')
        .refine((n) => Math.round(n * 1000) === Number((n * 1000).toFixed(6)), 'has more than 3 decimals'),
      { label, input: 'weight' },
    ),
  count: (label: Label, max = 1_000_000) =>
    labelled(z.int({ error: 'must be a whole number' }).min(0, 'cannot be negative').max(max), {
      label,
      input: 'count',
    }),
  choice: <const V extends string>(label: Label, choices: readonly { value: V; label: Label }[]) =>
    labelled(z.enum(choices.map((c) => c.value) as [V, ...V[]], { error: 'is not one of the choices' }), {
      label,
      input: 'choice',
      options: [...choices],
    }),
  text: (label: Label, max = 500) =>
    labelled(z.string().trim().min(1, 'is required').max(max), { label, input: 'text', maxLength: max }),
  /** A reference number of another system: a waybill, an invoice. */
  reference: (label: Label) =>
    labelled(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]{2,39}$/, 'must be 3–40 letters, digits, "/", "_", "." or "-"'),
      { label, input: 'reference' },
    ),
  /** A quantity for each line of the subject (the request names the lines, R19). */
  lineQuantities: (label: Label) =>
    labelled(
      z
        .array(
          z.object({
            line: z.int().min(1),
            quantity: z.int({ error: 'must be a whole number' }).min(0, 'cannot be negative').max(10_000_000),
          }),
        )
        .min(1, 'needs a quantity for every line'),
      { label, input: 'line-quantities' },
    ),
};

/** R27: how a complaint is settled — what the customer asks for, and what the reply gives. */
const resolutions = [
  { value: 'explanation', label: { 'zh-CN': '解释说明', en: 'Explanation' } },
  { value: 'rework', label: { 'zh-CN': '返工', en: 'Rework' } },
  { value: 'replacement', label: { 'zh-CN': '补发/换货', en: 'Replacement shipment' } },
  { value: 'credit', label: { 'zh-CN': '折让/冲账', en: 'Credit' } },
  { value: 'return', label: { 'zh-CN': '退货', en: 'Return' } },
] as const;

/** R32: what becomes of goods sent back. */
const returnHandlings = [
  { value: 'restock', label: { 'zh-CN': '入库', en: 'Back into stock' } },
  { value: 'rework', label: { 'zh-CN': '返工', en: 'Rework' } },
  { value: 'remelt', label: { 'zh-CN': '回炉（须总经理批准）', en: 'Remelt (the general manager approves)' } },
  { value: 'scrap', label: { 'zh-CN': '报废', en: 'Scrap' } },
] as const;

/** R38: which way a statement's correction moves what the customer owes. */
const correctionDirections = [
  { value: 'credit', label: { 'zh-CN': '减少应付（贷记客户）', en: 'Lower what the customer owes (credit)' } },
  { value: 'debit', label: { 'zh-CN': '增加应付（借记客户）', en: 'Raise what the customer owes (debit)' } },
] as const;

/** R37: why a special price is granted (the approver says it; the quotation and the order's history keep it). */
export const specialPriceBases = [
  { value: 'volume', label: { 'zh-CN': '批量', en: 'Volume' } },
  { value: 'competition', label: { 'zh-CN': '竞争报价', en: 'Competing offer' } },
  { value: 'strategic', label: { 'zh-CN': '重点客户', en: 'Key account' } },
  { value: 'clearance', label: { 'zh-CN': '清库存', en: 'Stock clearance' } },
  { value: 'other', label: { 'zh-CN': '其他（见说明）', en: 'Other (see the note)' } },
] as const;

/** Every step's form, by name (an approval request names its form; the API documents each). */
export const decisionForms = {
  /** R5: PMC's promised delivery date. */
  'promised-date': z
    .object({ promisedDate: field.date({ 'zh-CN': '承诺交期', en: 'Promised delivery date' }, 'today-or-later') })
    .meta({ id: 'PromisedDateForm' }),
  /** R11, R12: the promised date after a change. */
  'changed-promised-date': z
    .object({
      promisedDate: field.date(
        { 'zh-CN': '变更后的承诺交期', en: 'Promised delivery date after the change' },
        'today-or-later',
      ),
    })
    .meta({ id: 'ChangedPromisedDateForm' }),
  /** R9: finance confirms the deposit. */
  'deposit-received': z
    .object({
      receivedOn: field.date({ 'zh-CN': '到账日期', en: 'Received on' }, 'today-or-earlier'),
      amount: field.money({ 'zh-CN': '到账金额', en: 'Amount received' }).optional(),
      reference: field.reference({ 'zh-CN': '银行流水号', en: 'Bank reference' }).optional(),
    })
    .meta({ id: 'DepositReceivedForm' }),
  /** R17: the merchandiser's stock-prep form for one delivery (its lines and prices come from the order). */
  'stock-prep': z
    .object({
      lines: field.lineQuantities({ 'zh-CN': '备货数量', en: 'Quantity to prepare' }),
      requestedShipDate: field.date({ 'zh-CN': '要求出货日期', en: 'Requested ship date' }, 'today-or-later'),
      vehiclePlan: field.text({ 'zh-CN': '车辆安排', en: 'Vehicle plan' }, 200),
      remarks: field.text({ 'zh-CN': '备注', en: 'Remarks' }, 1000).optional(),
    })
    .meta({ id: 'StockPrepFormValues' }),
  /** R19: the warehouse has prepared the goods: per line, what is on the shelf and the number of boxes. */
  'goods-prepared': z
    .object({
      lines: field.lineQuantities({ 'zh-CN': '实际备货数量', en: 'Quantity on hand' }),
      boxes: field.lineQuantities({ 'zh-CN': '箱数', en: 'Number of boxes' }),
    })
    .meta({ id: 'GoodsPreparedForm' }),
  /** R21: the warehouse ships against the delivery note and signs: how it travels, boxes and gross weight. */
  shipment: z
    .object({
      carrier: field.text({ 'zh-CN': '承运人', en: 'Carrier' }, 100),
      waybill: field.reference({ 'zh-CN': '运单号', en: 'Waybill number' }),
      vehicle: field.text({ 'zh-CN': '车牌号', en: 'Vehicle' }, 40).optional(),
      driver: field.text({ 'zh-CN': '司机', en: 'Driver' }, 100).optional(),
      boxes: field.count({ 'zh-CN': '箱数', en: 'Number of boxes' }, 100_000),
      grossWeight: field.weight({ 'zh-CN': '毛重 (kg)', en: 'Gross weight (kg)' }),
      transitDays: field.count({ 'zh-CN': '预计在途天数', en: 'Expected days in transit' }, 60),
    })
    .meta({ id: 'ShipmentForm' }),
  /** R25: the merchandiser's complaint report (产品投诉处理报告): what is wrong, the evidence, the customer's demand. */
  'complaint-report': z
    .object({
      description: field.text({ 'zh-CN': '问题描述', en: 'What is wrong' }, 2000),
      evidence: field.text({ 'zh-CN': '证据（照片、样品、单据）', en: 'Evidence (photos, samples, documents)' }, 1000),
      customerDemand: field.choice({ 'zh-CN': '客户要求', en: 'The customer asks for' }, resolutions),
    })
    .meta({ id: 'ComplaintReportForm' }),
  /** R26: QA's analysis, 8D-style: the cause, who caused it, containment, corrective and preventive actions. */
  'cause-analysis': z
    .object({
      rootCause: field.text({ 'zh-CN': '根本原因', en: 'Root cause' }, 1000),
      causedBy: field.choice({ 'zh-CN': '责任方', en: 'Caused by' }, [
        { value: 'company', label: { 'zh-CN': '本公司', en: 'The company' } },
        { value: 'customer', label: { 'zh-CN': '客户', en: 'The customer' } },
        { value: 'carrier', label: { 'zh-CN': '承运人', en: 'The carrier' } },
      ]),
      containment: field.text({ 'zh-CN': '围堵措施', en: 'Containment' }, 1000),
      corrective: field.text({ 'zh-CN': '纠正措施', en: 'Corrective action' }, 1000),
      preventive: field.text({ 'zh-CN': '预防措施', en: 'Preventive action' }, 1000),
    })
    .meta({ id: 'CauseAnalysisForm' }),
  /** R27: the merchandiser's written reply to the customer, with the resolution. */
  'complaint-reply': z
    .object({
      resolution: field.choice({ 'zh-CN': '处理方式', en: 'Resolution' }, resolutions),
      reply: field.text({ 'zh-CN': '答复客户', en: 'Reply to the customer' }, 2000),
    })
    .meta({ id: 'ComplaintReplyForm' }),
  /** R31: the merchandiser's cause analysis of a return (客户退货申请表): whose fault, and what becomes of the goods. */
  'return-analysis': z
    .object({
      causedBy: field.choice({ 'zh-CN': '责任方', en: 'Caused by' }, [
        { value: 'company', label: { 'zh-CN': '本公司', en: 'The company' } },
        { value: 'customer', label: { 'zh-CN': '客户', en: 'The customer' } },
      ]),
      cause: field.text({ 'zh-CN': '退货原因分析', en: 'Cause of the return' }, 1000),
      productionFault: field.choice({ 'zh-CN': '是否生产问题', en: 'A production fault?' }, [
        { value: 'no', label: { 'zh-CN': '否', en: 'No' } },
        { value: 'yes', label: { 'zh-CN': '是（须附投诉处理报告）', en: 'Yes (the complaint report is required)' } },
      ]),
      handling: field.choice({ 'zh-CN': '退回后处理', en: 'What becomes of the goods' }, returnHandlings),
      complaintNumber: field
        .reference({ 'zh-CN': '投诉编号（生产问题）', en: 'Complaint number (production fault)' })
        .optional(),
    })
    .meta({ id: 'ReturnAnalysisForm' }),
  /** R32: a leader's exception for a return the customer caused: how the goods will be handled. */
  'return-exception': z
    .object({
      handling: field.choice({ 'zh-CN': '退回后处理', en: 'What becomes of the goods' }, returnHandlings),
      instructions: field.text(
        { 'zh-CN': '特批说明与处理办法', en: 'Why the exception, and how the goods are handled' },
        1000,
      ),
    })
    .meta({ id: 'ReturnExceptionForm' }),
  /** R34: the warehouse's count of the goods received back, per line (model checked). */
  'return-received': z
    .object({
      lines: field.lineQuantities({ 'zh-CN': '实收数量', en: 'Quantity received' }),
      note: field.text({ 'zh-CN': '差异说明', en: 'What differs' }, 500).optional(),
    })
    .meta({ id: 'ReturnReceivedForm' }),
  /**
   * R38, R40: finance's correction of a disputed statement (approving the customer's query); the finance leader
   * approves it before it is booked and the corrected statement issued. Refusing the query needs no form: the reason
   * goes to the customer.
   */
  'statement-correction': z
    .object({
      direction: field.choice({ 'zh-CN': '更正方向', en: 'The correction' }, correctionDirections),
      amount: field.money({ 'zh-CN': '更正金额', en: 'Amount' }),
      reason: field.text({ 'zh-CN': '更正原因（客户可见）', en: 'Why (the customer reads it)' }, 500),
    })
    .meta({ id: 'StatementCorrectionForm' }),
  /** R37: the general manager or the deputy GM grants a special price, saying on what basis. */
  'special-price': z
    .object({
      basis: field.choice({ 'zh-CN': '特价理由', en: 'Why the special price' }, specialPriceBases),
      note: field.text({ 'zh-CN': '说明', en: 'Note' }, 500).optional(),
    })
    .meta({ id: 'SpecialPriceForm' }),
} as const;

export type DecisionFormName = keyof typeof decisionForms;
export const decisionFormNames = Object.keys(decisionForms) as [DecisionFormName, ...DecisionFormName[]];

/** A form's fields in order, with how each is entered and whether it is required. */
export function formFields(name: DecisionFormName) {
  return Object.entries(decisionForms[name].shape).map(([key, schema]: [string, z.ZodType]) => {
    const required = !(schema instanceof z.ZodOptional);
    const labelledSchema = (required ? schema : (schema as z.ZodOptional).unwrap()) as z.ZodType;
    return { key, ...(labelledSchema.meta()?.form as FieldMeta), required };
  });
}

/**
 * What a browser posts (every value a string, per-line quantities as `<field>.<line>`) turned into the values the
 * form's schema checks: numbers for amounts and counts, nothing for an empty input. The schema judges the rest.
 */
export function formValues(name: DecisionFormName, posted: Record<string, string>) {
  const values: Record<string, unknown> = {};
  for (const { key, input } of formFields(name)) {
    if (input === 'line-quantities') {
      const lines = Object.entries(posted)
        .filter(([k, v]) => k.startsWith(`${key}.`) && v.trim() !== '')
        .map(([k, v]) => ({ line: Number(k.slice(key.length + 1)), quantity: numberOrText(v) }));
      if (lines.length) values[key] = lines;
      continue;
    }
    const raw = posted[key]?.trim();
    if (!raw) continue;
    values[key] = input === 'money' || input === 'weight' || input === 'count' ? numberOrText(raw) : raw;
  }
  return values;
}

const numberOrText = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);
