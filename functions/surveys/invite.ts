import * as z from 'zod';
import { sendEachOnce, sentAlready } from '../../shared/application/send-once.ts';
import { surveyLink } from '../../shared/application/surveys.ts';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { surveyInvitationEmail } from '../../shared/mail/survey-templates.ts';
import { logger, observed } from '../../shared/observability.ts';
import { customerRepository } from '../../shared/persistence/customers.ts';
import { port } from '../../shared/runtime.ts';
import type { Customer } from '../../shared/schemas/customer.ts';

const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();
const template = 'satisfaction-survey';

/**
 * R43 (schedule `satisfaction-survey`, yearly): each contact of every active customer gets the year's survey with a
 * link of their own; once per contact and year however often the schedule runs (the year is the schedule's nominal
 * one, in the company's time zone).
 */
async function inviteToSurvey(input: unknown) {
  const { scheduledTime } = Input.parse(input ?? {});
  const now = scheduledTime ? new Date(scheduledTime) : port('clock').now();
  const year = Number(calendarDateIn(now, companyTimeZone).slice(0, 4));
  const customers = customerRepository(port('table'));
  let invited = 0;
  let cursor: string | undefined;
  do {
    const page = await customers.list({ cursor, limit: 100 });
    for (const customer of page.items.filter((c) => c.status === 'active')) invited += await invite(customer, year);
    cursor = page.next;
  } while (cursor);
  if (invited) logger.info('satisfaction survey sent', { year, invited });
  return { year, invited };
}

/** Each contact of a customer not yet invited this year: a link minted, the e-mail sent. */
async function invite(customer: Customer, year: number) {
  let invited = 0;
  for (const contact of customer.contacts) {
    const what = `satisfaction-survey:${year}:${customer.id}:${contact.email.toLowerCase()}`;
    if (await sentAlready(what, template)) continue;
    const link = await surveyLink(
      {
        surveyId: `svy_${port('ids').next()}`,
        year,
        customerId: customer.id,
        customerCode: customer.code,
        customerName: customer.name,
        respondent: contact.email.toLowerCase(),
        language: contact.language,
      },
      port('clock').now(),
    );
    const email = surveyInvitationEmail({ year, name: contact.name, language: contact.language }, link);
    await sendEachOnce(what, [{ to: [contact.email], template, ...email }]);
    invited++;
  }
  return invited;
}

export const handler = observed(inviteToSurvey, () => undefined);
