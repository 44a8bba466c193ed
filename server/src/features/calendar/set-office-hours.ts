import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { calendars } from '../../platform/calendar/calendar-service.js';
import { officeHoursProblem } from '../../platform/calendar/working-time.js';
import { invalid } from '../../platform/errors.js';
import { authorizeCalendarWrite } from './calendar.queries.js';
import type { SetOfficeHoursInput } from './calendar.schemas.js';
import { getOfficeHours, presentOfficeHours } from './get-office-hours.js';

/** Sets the tenant's office hours. Deadlines already computed keep their value; new ones use the new hours. */
export async function setOfficeHours({ ctx, input }: { ctx: Ctx; input: SetOfficeHoursInput }) {
  const problem = officeHoursProblem(input);
  if (problem) throw invalid(problem, 'Office periods must be HH:MM, in order and not overlapping');
  const rootId = await authorizeCalendarWrite(ctx);
  try {
    return await withTransaction(ctx, async (tx) => {
      const before = await getOfficeHours({ ctx: tx });
      const officeHours = { periods: input.periods.map(({ start, end }) => ({ start, end })) };
      const row = { officeHours: JSON.stringify(officeHours), updatedBy: tx.actor!.userId, updatedAt: tx.now() };
      const saved = await tx.db
        .insertInto('calendarSettings')
        .values({ tenantId: tx.tenantId, ...row })
        .onConflict((oc) => oc.column('tenantId').doUpdateSet(row))
        .returning(['officeHours', 'updatedAt'])
        .executeTakeFirstOrThrow();
      const after = presentOfficeHours(saved.officeHours, saved.updatedAt);
      await audit(tx, { action: 'calendar.office_hours_set', targetType: 'calendar_settings', targetId: tx.tenantId, regionId: rootId, before, after });
      return after;
    });
  } finally {
    calendars.invalidate(ctx.tenantId);
  }
}
