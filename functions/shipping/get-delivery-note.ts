import { deliveryNoteFileName, renderDeliveryNote } from '../../shared/documents/delivery-note.ts';
import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, negotiate } from '../../shared/http/negotiation.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';
import { getDeliveryNoteRoute } from './routes.ts';

export const handler = httpHandler(getDeliveryNoteRoute, async ({ params, principal, headers }) => {
  const note = await deliveryRepository(port('table')).note(params.number);
  assertVisible(principal, { id: note.number, customerId: note.customerId }, 'Delivery note');
  if (negotiate(headers, ['application/json', 'application/pdf']) === 'application/json') {
    return { status: 200, body: note };
  }
  return fileResult(await renderDeliveryNote(note.document), 'application/pdf', deliveryNoteFileName(note.document));
});
