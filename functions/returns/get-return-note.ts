import { renderReturnNote, returnNoteFileName } from '../../shared/documents/return-note.ts';
import { assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, negotiate } from '../../shared/http/negotiation.ts';
import { returnRepository } from '../../shared/persistence/returns.ts';
import { port } from '../../shared/runtime.ts';
import { getReturnNoteRoute } from './routes.ts';

export const handler = httpHandler(getReturnNoteRoute, async ({ params, principal, headers }) => {
  const note = await returnRepository(port('table')).note(params.number);
  assertVisible(principal, { id: note.number, customerId: note.customerId }, 'Return note');
  if (negotiate(headers, ['application/json', 'application/pdf']) === 'application/json') {
    return { status: 200, body: note };
  }
  return fileResult(await renderReturnNote(note.document), 'application/pdf', returnNoteFileName(note.document));
});
