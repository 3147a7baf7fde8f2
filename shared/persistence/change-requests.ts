import type { DomainEvent } from '../domain/events.ts';
import { changeableStatuses, changeRequestIsOpen, whyNotChangeable } from '../domain/order-change.ts';
import type { TablePort } from '../ports/index.ts';
import type { ChangeRequest } from '../schemas/change-request.ts';
import type { HistoryEntry } from '../schemas/order.ts';
import { orderStatusCheck } from './orders.ts';
import { onOrder, type RequestKind, requestKeys, requestRepository } from './requests.ts';
import type { Idempotency } from './write.ts';

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

export function changeRequestRepository(table: TablePort) {
  const requests = requestRepository<ChangeRequest>(table, changeRequests);
  return {
    ...requests,
    /**
     * R11: a new request, refused with 409 while another one of the order waits, or when the order ended, was merged or
     * shipped meanwhile — the same check as a cancellation's (A34), with the reason the order's status now gives.
     */
    open: (
      changeRequest: ChangeRequest,
      recorded: { event: DomainEvent; history: HistoryEntry },
      now: Date,
      idempotency?: Idempotency,
    ) =>
      requests.open(changeRequest, recorded, now, {
        idempotency,
        checks: [
          orderStatusCheck(table.name, changeRequest.orderId, changeableStatuses, (order) =>
            whyNotChangeable({ number: changeRequest.orderNumber, ...order }),
          ),
        ],
      }),
  };
}
