import type { TablePort } from '../ports/index.ts';
import type { LedgerAdjustment } from '../schemas/adjustment.ts';
import { onCustomer, type RequestKind, requestRepository } from './requests.ts';

/**
 * Key design: see docs/data-model.md ("ledger adjustment"). In the customer's partition beside its ledger, one pending
 * at a time (the `OPEN#adjustment` guard): the finance leader decides each against the balance as it stands.
 */
const adjustments: RequestKind<LedgerAdjustment> = {
  subject: onCustomer,
  prefix: 'ADJUSTMENT',
  guard: 'adjustment',
  entity: 'ledger-adjustment',
  label: 'Adjustment',
  isOpen: (status) => status === 'pending',
};

export const adjustmentRepository = (table: TablePort) => requestRepository<LedgerAdjustment>(table, adjustments);
