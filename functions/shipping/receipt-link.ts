import { linkHash, linkSecretPattern } from '../../shared/domain/approval.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { deliveryRepository } from '../../shared/persistence/deliveries.ts';
import { port } from '../../shared/runtime.ts';

export const receiptLinkPath = (secret: string) => `/receipt-links/${secret}`;

/** The delivery a receipt link stands for; a malformed, unknown, altered or expired link is simply not found. */
export async function deliveryOfLink(link: string) {
  if (!linkSecretPattern.test(link)) throw new NotFound('There is no such receipt link.');
  const deliveries = deliveryRepository(port('table'));
  const { orderId, delivery } = await deliveries.receiptLink(linkHash(link), port('clock').now());
  return await deliveries.get(orderId, delivery);
}
