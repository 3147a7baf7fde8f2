import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { port } from '../../shared/runtime.ts';
import { getComplaintRoute } from './routes.ts';

export const handler = httpHandler(getComplaintRoute, async ({ params, principal }) => {
  const complaint = await complaintRepository(port('table')).get(params.id);
  assertVisible(principal, complaint, 'Complaint');
  return { status: 200, body: actsForCustomerOnly(principal) ? customerComplaint(complaint) : complaint };
});
