import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { DEFAULT_OFFICE_HOURS, dailyOfficeMinutes, type OfficeHours } from '../../platform/calendar/working-time.js';
import { TIME_ZONE } from '../../platform/calendar/shanghai-time.js';

export function presentOfficeHours(hours: OfficeHours, updatedAt: Date | null) {
  return {
    periods: hours.periods.map(({ start, end }) => ({ start, end })),
    timeZone: TIME_ZONE,
    dailyMinutes: dailyOfficeMinutes(hours),
    isDefault: updatedAt === null,
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}

/** The tenant's office hours (the default 08:30–12:00, 14:30–18:00 until an admin sets them). */
export async function getOfficeHours({ ctx }: { ctx: Ctx }) {
  requireActor(ctx);
  const row = await ctx.db.selectFrom('calendarSettings').select(['officeHours', 'updatedAt']).where('tenantId', '=', ctx.tenantId).executeTakeFirst();
  return presentOfficeHours(row?.officeHours ?? DEFAULT_OFFICE_HOURS, row?.updatedAt ?? null);
}
