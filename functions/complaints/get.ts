import { complaintLinks } from '../../shared/application/complaint-view.ts';
import { customerComplaint } from '../../shared/domain/customer-view.ts';
import { actsForCustomerOnly, assertVisible } from '../../shared/http/access.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { complaintRepository } from '../../shared/persistence/complaints.ts';
import { port } from '../../shared/runtime.ts';
import { getComplaintRoute } from './routes.ts';

/** The complaint in one view: as registered, its report and reply, and the deliveries and returns it led to. */
export const handler = httpHandler(getComplaintRoute, async ({ params, principal }) => {
  const complaint = await complaintRepository(port('table')).get(params.id);
  assertVisible(principal, complaint, 'Complaint');
  const linked = await complaintLinks(complaint);
  const own = actsForCustomerOnly(principal) ? customerComplaint(complaint) : complaint;
  return { status: 200, body: { ...own, linked } };
});
