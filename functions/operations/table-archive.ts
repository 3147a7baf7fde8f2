import * as z from 'zod';
import { companyTimeZone } from '../../shared/domain/company.ts';
import { calendarDateIn } from '../../shared/domain/lead-time.ts';
import { previousMonth } from '../../shared/domain/statement.ts';
import { logger, observed } from '../../shared/observability.ts';
import { port } from '../../shared/runtime.ts';

const Input = z.object({ schedule: z.string(), scheduledTime: z.iso.datetime() }).partial();

/** Where a month's archive lies in the bucket (docs/operations.md, "Archive and backup"). */
export const archivePrefix = (month: string) => `exports/${month}`;

/**
 * R42 (schedule `table-archive`, the 2nd of each month): the whole table as it stood at the run's nominal time,
 * exported from point-in-time recovery to the archive under the month just ended — after its statements (R38) were
 * issued on the 1st. The month names the export's token, so a retry or a rerun starts no second export.
 */
async function tableArchive(input: unknown) {
  const { scheduledTime } = Input.parse(input ?? {});
  const at = scheduledTime ? new Date(scheduledTime) : port('clock').now();
  const month = previousMonth(calendarDateIn(at, companyTimeZone));
  const started = await port('archive').exportTable({
    at,
    prefix: archivePrefix(month),
    token: `table-archive-${month}`,
  });
  logger.info('table archive', { month, ...started });
  return { month, ...started };
}

export const handler = observed(tableArchive, () => undefined);
