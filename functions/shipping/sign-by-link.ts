import { receiptReads, recordReceipt } from '../../shared/application/receipts.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { postedValues } from '../../shared/pages/layout.ts';
import { receiptPage, signedPage } from '../../shared/pages/receipt.ts';
import { orderRepository } from '../../shared/persistence/orders.ts';
import { retryOnConflict } from '../../shared/persistence/write.ts';
import { port } from '../../shared/runtime.ts';
import { NewDeliveryReceipt } from '../../shared/schemas/delivery.ts';
import { receiptLinkPath, receiptLinkReads } from './receipt-link.ts';
import { signByLinkRoute } from './routes.ts';

/**
 * R23: the customer's person signs for the delivery from the link e-mailed with its note. The receipt is recorded as
 * through the API, in the name of the link (the customer's contacts it went to); a problem brings the form back,
 * filled in as sent; a delivery signed for already (a second click, another contact) shows that receipt.
 */
export const handler = httpHandler(signByLinkRoute, async ({ params, body }) => {
  const today = calendarDateIn(port('clock').now(), companyTimeZone);
  const posted = postedValues(body);
  const parsed = NewDeliveryReceipt.safeParse({
    condition: body.condition,
    signedBy: body.signedBy,
    signedOn: body.signedOn,
    ...(body.note?.trim() ? { note: body.note } : {}),
  });
  const action = receiptLinkPath(params.link);
  return await retryOnConflict(async () => {
    // One round of reads: the link names its delivery and customer; a valid form also sends what the receipt needs.
    const reads = receiptLinkReads(params.link);
    const receiptRead = parsed.success ? receiptReads(reads.customer, parsed.data) : undefined;
    const delivery = await reads.delivery;
    if (delivery.receipt) return { status: 200, body: signedPage(delivery, { justNow: false }) };
    const again = (errors: { field: string; message: string }[]) => ({
      status: 400,
      body: receiptPage(delivery, action, today, { values: posted, errors }),
    });
    if (!parsed.success) {
      return again(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })));
    }
    if (parsed.data.signedOn > today) return again([{ field: 'signedOn', message: 'cannot be after today' }]);
    const { order } = await (reads.order ?? orderRepository(port('table')).get(delivery.orderId));
    try {
      return await recordReceipt(
        { order, delivery },
        parsed.data,
        'customer (receipt link)',
        (signed) => ({ response: { status: 200, body: signedPage(signed, { justNow: true }) } }),
        receiptRead,
      );
    } catch (error) {
      if (error instanceof ValidationFailed) return again(error.errors ?? []);
      throw error;
    }
  });
});
