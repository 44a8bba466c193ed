import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { calendars } from '../../platform/calendar/calendar-service.js';
import { notFound } from '../../platform/errors.js';
import { authorizeCalendarWrite, readYear } from './calendar.queries.js';

/** Drops the tenant's edits of a year: it returns to the built-in notice, or to plain weekends when there is none. */
export async function resetCalendarYear({ ctx, input }: { ctx: Ctx; input: { year: number } }) {
  const rootId = await authorizeCalendarWrite(ctx);
  try {
    return await withTransaction(ctx, async (tx) => {
      const before = await readYear(tx, input.year);
      if (before.source !== 'tenant') throw notFound(`${input.year} 年的本地修改`);
      await tx.db.deleteFrom('calendarDays').where('tenantId', '=', tx.tenantId).where('day', '>=', `${input.year}-01-01`).where('day', '<=', `${input.year}-12-31`).execute();
      await tx.db.deleteFrom('calendarYears').where('tenantId', '=', tx.tenantId).where('year', '=', input.year).execute();
      const after = await readYear(tx, input.year);
      await audit(tx, { action: 'calendar.year_reset', targetType: 'calendar_year', targetId: String(input.year), regionId: rootId, before, after });
      return after;
    });
  } finally {
    calendars.invalidate(ctx.tenantId);
  }
}
