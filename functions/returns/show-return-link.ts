import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { announcedPage, notAnnounceablePage, returnShipmentPage } from '../../shared/pages/return-shipment.ts';
import { port } from '../../shared/runtime.ts';
import { returnLinkPath, returnOfLink } from './return-link.ts';
import { showReturnLinkRoute } from './routes.ts';

/** R33: a GET never announces: mail scanners open links within seconds of delivery. */
export const handler = httpHandler(showReturnLinkRoute, async ({ params }) => {
  const application = await returnOfLink(params.link);
  if (application.shipment) return { status: 200, body: announcedPage(application, { justNow: false }) };
  if (application.status !== 'approved') return { status: 200, body: notAnnounceablePage(application) };
  const today = calendarDateIn(port('clock').now(), companyTimeZone);
  return { status: 200, body: returnShipmentPage(application, returnLinkPath(params.link), today) };
});
