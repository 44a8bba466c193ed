import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { calendars } from '../../platform/calendar/calendar-service.js';
import { isWeekend, parseDayKey } from '../../platform/calendar/shanghai-time.js';
import { invalid } from '../../platform/errors.js';
import { authorizeCalendarWrite, ensureTenantYear, touchYear } from './calendar.queries.js';
import type { SetCalendarDayInput } from './calendar.schemas.js';

/** The day number of a real date in the calendar's range, or VALIDATION. */
export function validDay(day: string): number {
  const dayNo = parseDayKey(day);
  const year = Number(day.slice(0, 4));
  if (dayNo === undefined || year < 1990 || year > 2100) throw invalid(`${day} 不是有效日期`, `${day} is not a valid date`);
  return dayNo;
}

/** A make-up workday (调休上班) only makes sense on a weekend; on a weekday it is a data-entry mistake. */
export function checkKind(day: string, dayNo: number, kind: 'holiday' | 'workday') {
  if (kind === 'workday' && !isWeekend(dayNo)) throw invalid(`${day} 不是周末，不能设为调休上班日`, `${day} is not a weekend day, so it cannot be a make-up workday`);
}

/** Adds or changes one holiday or make-up workday; the tenant takes over the year from the built-in data. */
export async function setCalendarDay({ ctx, input }: { ctx: Ctx; input: SetCalendarDayInput & { day: string } }) {
  const dayNo = validDay(input.day);
  checkKind(input.day, dayNo, input.kind);
  const rootId = await authorizeCalendarWrite(ctx);
  const year = Number(input.day.slice(0, 4));
  try {
    return await withTransaction(ctx, async (tx) => {
      await ensureTenantYear(tx, year);
      const before = await tx.db.selectFrom('calendarDays').select(['day', 'kind', 'name', 'source']).where('tenantId', '=', tx.tenantId).where('day', '=', input.day).executeTakeFirst();
      const row = { kind: input.kind, name: input.name, source: 'manual' as const, updatedBy: tx.actor!.userId, updatedAt: tx.now() };
      const after = await tx.db
        .insertInto('calendarDays')
        .values({ tenantId: tx.tenantId, day: input.day, ...row })
        .onConflict((oc) => oc.columns(['tenantId', 'day']).doUpdateSet(row))
        .returning(['day', 'kind', 'name', 'source'])
        .executeTakeFirstOrThrow();
      await touchYear(tx, year);
      await audit(tx, { action: 'calendar.day_set', targetType: 'calendar_day', targetId: input.day, regionId: rootId, before: before ?? null, after });
      return after;
    });
  } finally {
    calendars.invalidate(ctx.tenantId);
  }
}
