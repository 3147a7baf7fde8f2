import { customerPayment } from '../../shared/domain/customer-view.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { paymentRepository } from '../../shared/persistence/payments.ts';
import { port } from '../../shared/runtime.ts';
import { getPaymentRoute } from './routes.ts';

export const handler = httpHandler(getPaymentRoute, async ({ params, principal }) => {
  const payment = await paymentRepository(port('table')).get(params.id);
  if (!actsForCustomerOnly(principal)) return { status: 200, body: payment };
  // Another customer's payment does not exist, as far as a customer can tell.
  if (payment.customerId !== principal.customerId) throw new NotFound(`Payment ${params.id} does not exist.`);
  return { status: 200, body: customerPayment(payment) };
});
