import type { TablePort } from '../ports/index.ts';
import type { TermsChange } from '../schemas/terms-change.ts';
import { onCustomer, type RequestKind, requestKeys, requestRepository } from './requests.ts';

/**
 * Key design: see docs/data-model.md ("Terms changes"). They live in their customer's partition, one open at a time
 * (the `OPEN#terms-change` guard), as requests made on an order live in the order's (see requests.ts).
 */
const termsChanges: RequestKind<TermsChange> = {
  subject: onCustomer,
  prefix: 'TERMS_CHANGE',
  guard: 'terms-change',
  entity: 'terms-change',
  label: 'Terms change',
  isOpen: (status) => status === 'pending',
};

export const termsChangeKeys = requestKeys(termsChanges);

export const termsChangeRepository = (table: TablePort) => requestRepository<TermsChange>(table, termsChanges);
