import { announceShipment } from '../../shared/application/return-shipments.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { type FieldIssue, ValidationFailed } from '../../shared/domain/errors.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { shipmentProblems } from '../../shared/domain/returns.ts';
import { httpHandler, issuesOf } from '../../shared/http/handler.ts';
import { postedValues } from '../../shared/pages/layout.ts';
import {
  announcedPage,
  lineQuantityField,
  notAnnounceablePage,
  returnShipmentPage,
} from '../../shared/pages/return-shipment.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { type ReturnApplication, ReturnShipment } from '../../shared/schemas/return.ts';
import { returnLinkPath, returnOfLink } from './return-link.ts';
import { announceByLinkRoute } from './routes.ts';

const wholeNumber = /^\s*\d{1,9}\s*$/;

/**
 * The form as a ReturnShipment: each line's quantity from its field (the approved quantity if the field is missing),
 * and what is not a whole number said beside its field rather than passed on.
 */
function shipmentOf(application: ReturnApplication, posted: Record<string, string>, now: string) {
  const problems: FieldIssue[] = [];
  const lines = application.lines.map(({ line, quantity }) => {
    const given = posted[lineQuantityField(line)];
    if (given === undefined) return { line, quantity };
    if (!wholeNumber.test(given)) {
      problems.push({ field: lineQuantityField(line), message: `must be a whole number from 0 to ${quantity}` });
      return { line, quantity: 0 };
    }
    return { line, quantity: Number(given) };
  });
  const note = posted.note?.trim();
  const parsed = ReturnShipment.safeParse({
    carrier: posted.carrier ?? '',
    waybill: posted.waybill ?? '',
    shippedOn: posted.shippedOn ?? '',
    lines,
    ...(note ? { note } : {}),
  });
  // Every problem at once: the form's own, and what the return says of the date and the quantities (R33).
  const said = [
    ...problems,
    ...(parsed.success ? [] : issuesOf(parsed.error, '')),
    ...shipmentProblems(application, { shippedOn: posted.shippedOn ?? '', lines }, now),
  ];
  const issues = onTheForm(application, said).filter(
    (issue, i, all) => all.findIndex((other) => other.field === issue.field) === i,
  );
  return { shipment: parsed.data, issues };
}

/** The problems by the form's fields: a line's (`lines.0.quantity`) beside that line's quantity. */
function onTheForm(application: Pick<ReturnApplication, 'lines'>, issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const line = /^lines\.(\d+)\.(?:quantity|line)$/.exec(issue.field);
    const named = line && application.lines[Number(line[1])];
    return named ? { ...issue, field: lineQuantityField(named.line) } : issue;
  });
}

/**
 * R33: the customer's person announces the approved return's shipment from the link e-mailed with the approval. It is
 * recorded as through the API (`POST /returns/{id}/shipment`), in the name of the link; a problem brings the form
 * back, filled in as sent; a return announced already (a second click, another contact) shows that announcement.
 */
export const handler = httpHandler(announceByLinkRoute, async ({ params, body }) => {
  const now = port('clock').now();
  const today = calendarDateIn(now, companyTimeZone);
  const posted = postedValues(body);
  const action = returnLinkPath(params.link);
  return await retryOnConflict(async () => {
    const application = await returnOfLink(params.link);
    if (application.shipment) return { status: 200, body: announcedPage(application, { justNow: false }) };
    if (application.status !== 'approved') return { status: 200, body: notAnnounceablePage(application) };
    const again = (errors: FieldIssue[]) => ({
      status: 400,
      body: returnShipmentPage(application, action, today, { values: posted, errors }),
    });
    const { shipment, issues } = shipmentOf(application, posted, now.toISOString());
    if (!shipment || issues.length) return again(issues);
    try {
      return await announceShipment(application, shipment, 'customer (return link)', (shipped) => ({
        response: { status: 200, body: announcedPage(shipped, { justNow: true }) },
      }));
    } catch (error) {
      if (error instanceof ValidationFailed) return again(onTheForm(application, error.errors ?? []));
      throw error;
    }
  });
});
