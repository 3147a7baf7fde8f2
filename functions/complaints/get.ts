import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { actsForCustomerOnly } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { port } from '../../shared/runtime.ts';
import { getComplaintRoute } from './routes.ts';

export const handler = httpHandler(getComplaintRoute, async ({ params, principal }) => {
  const complaint = await complaintRepository(port('table')).get(params.id);
  // Another customer's complaint does not exist, as far as a customer can tell.
  if (actsForCustomerOnly(principal) && principal.customerId !== complaint.customerId) {
    throw new NotFound(`Complaint ${params.id} does not exist.`);
  }
  return { status: 200, body: actsForCustomerOnly(principal) ? customerComplaint(complaint) : complaint };
});
