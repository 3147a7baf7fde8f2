import { currentDirectory, quotationSignatures } from '../../shared/application/people.ts';
import { sent } from '../../shared/application/reads.ts';
import { quotationFileName, renderQuotation } from '../../shared/documents/quotation.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, NotAcceptable, preferred } from '../../shared/http/negotiation.ts';
import { port } from '../../shared/runtime.ts';
import { getQuotationDocumentRoute } from './routes.ts';
import { visibleQuotation } from './visible.ts';

/** R37: the quotation in the company format (PDF, in the customer's language), or as JSON. */
export const handler = httpHandler(getQuotationDocumentRoute, async ({ params, principal, headers }) => {
  const offered = ['application/json', 'application/pdf'] as const;
  const type = preferred(headers, offered);
  // One round: the quotation and, for the PDF, the staff directory its signatures are printed from.
  const directoryRead = type === 'application/pdf' ? sent(currentDirectory()) : undefined;
  const { quotation, view } = await visibleQuotation(port('table'), params.id, principal);
  // An Accept header nothing answers is refused once the quotation is found: a 404 comes first.
  if (!type) throw new NotAcceptable(offered);
  if (type === 'application/json') return { status: 200, body: view };
  const document = {
    quotation,
    language: quotation.language,
    ...(await quotationSignatures(quotation, directoryRead)),
  };
  return fileResult(await renderQuotation(document), 'application/pdf', quotationFileName(document));
});
