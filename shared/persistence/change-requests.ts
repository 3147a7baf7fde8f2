import { changeRequestIsOpen } from '../domain/order-change.ts';
import type { TablePort } from '../ports/index.ts';
import type { ChangeRequest } from '../schemas/change-request.ts';
import { onOrder, type RequestKind, requestKeys, requestRepository } from './requests.ts';

/** Key design: see docs/data-model.md ("Change requests"). */
const changeRequests: RequestKind<ChangeRequest> = {
  subject: onOrder,
  prefix: 'CHANGE',
  guard: 'change',
  entity: 'change-request',
  label: 'Change request',
  isOpen: (status) => changeRequestIsOpen(status as ChangeRequest['status']),
  indexed: (request) => ({
    gsi1pk: `CHANGE_REQUESTS#${request.status}`,
    gsi1sk: `${request.createdAt}#${request.id}`,
  }),
};

export const changeRequestKeys = requestKeys(changeRequests);

export const changeRequestRepository = (table: TablePort) => requestRepository<ChangeRequest>(table, changeRequests);
