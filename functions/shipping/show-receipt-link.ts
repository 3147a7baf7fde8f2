import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { receiptPage, signedPage } from '../../shared/pages/receipt.ts';
import { port } from '../../shared/runtime.ts';
import { deliveryOfLink, receiptLinkPath } from './receipt-link.ts';
import { showReceiptLinkRoute } from './routes.ts';

/** A GET never signs: mail scanners open links within seconds of delivery. */
export const handler = httpHandler(showReceiptLinkRoute, async ({ params }) => {
  const delivery = await deliveryOfLink(params.link);
  if (delivery.receipt) return { status: 200, body: signedPage(delivery, { justNow: false }) };
  const today = calendarDateIn(port('clock').now(), companyTimeZone);
  return { status: 200, body: receiptPage(delivery, receiptLinkPath(params.link), today) };
});
