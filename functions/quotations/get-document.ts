import { documentSignature } from '../../shared/application/people.ts';
import { quotationFileName, renderQuotation } from '../../shared/documents/quotation.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileResult, negotiate } from '../../shared/http/negotiation.ts';
import { port } from '../../shared/runtime.ts';
import { getQuotationDocumentRoute } from './routes.ts';
import { visibleQuotation } from './visible.ts';

/** R37: the quotation in the company format (PDF, in the customer's language), or as JSON. */
export const handler = httpHandler(getQuotationDocumentRoute, async ({ params, principal, headers }) => {
  const { quotation, view } = await visibleQuotation(port('table'), params.id, principal);
  if (negotiate(headers, ['application/json', 'application/pdf']) === 'application/json') {
    return { status: 200, body: view };
  }
  const { decision } = quotation;
  const document = {
    quotation,
    language: quotation.language,
    requestedBy: await documentSignature(quotation.requestedBy, new Date(quotation.requestedAt)),
    ...(quotation.status === 'approved' && decision
      ? { approvedBy: await documentSignature(decision.by, new Date(decision.at)) }
      : {}),
  };
  return fileResult(await renderQuotation(document), 'application/pdf', quotationFileName(document));
});
