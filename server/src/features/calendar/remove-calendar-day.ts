import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { calendars } from '../../platform/calendar/calendar-service.js';
import { notFound } from '../../platform/errors.js';
import { authorizeCalendarWrite, ensureTenantYear, touchYear } from './calendar.queries.js';
import { validDay } from './set-calendar-day.js';

/** Removes a holiday or make-up workday: the day becomes an ordinary weekday or weekend day again. */
export async function removeCalendarDay({ ctx, input }: { ctx: Ctx; input: { day: string } }) {
  validDay(input.day);
  const rootId = await authorizeCalendarWrite(ctx);
  const year = Number(input.day.slice(0, 4));
  try {
    await withTransaction(ctx, async (tx) => {
      await ensureTenantYear(tx, year);
      const before = await tx.db
        .deleteFrom('calendarDays')
        .where('tenantId', '=', tx.tenantId)
        .where('day', '=', input.day)
        .returning(['day', 'kind', 'name', 'source'])
        .executeTakeFirst();
      if (!before) throw notFound(`${input.day} 的放假或调休安排`);
      await touchYear(tx, year);
      await audit(tx, { action: 'calendar.day_removed', targetType: 'calendar_day', targetId: input.day, regionId: rootId, before });
    });
  } finally {
    calendars.invalidate(ctx.tenantId);
  }
}
