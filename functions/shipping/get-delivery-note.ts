import { deliveryNoteFileName, renderDeliveryNote } from '../../shared/documents/delivery-note.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, negotiate } from '../../shared/http/negotiation.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';
import { getDeliveryNoteRoute } from './routes.ts';

export const handler = httpHandler(getDeliveryNoteRoute, async ({ params, principal, headers }) => {
  const note = await deliveryRepository(port('table')).note(params.number);
  // Another customer's note does not exist, as far as a customer can tell.
  if (actsForCustomerOnly(principal) && principal.customerId !== note.customerId) {
    throw new NotFound(`Delivery note ${params.number} does not exist.`);
  }
  if (negotiate(headers, ['application/json', 'application/pdf']) === 'application/json') {
    return { status: 200, body: note };
  }
  return fileResult(await renderDeliveryNote(note.document), 'application/pdf', deliveryNoteFileName(note.document));
});
