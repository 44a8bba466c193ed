import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { calendars } from '../../platform/calendar/calendar-service.js';
import { invalid } from '../../platform/errors.js';
import { authorizeCalendarWrite, ensureTenantYear, readYear } from './calendar.queries.js';
import type { SetCalendarYearInput } from './calendar.schemas.js';
import { checkKind, validDay } from './set-calendar-day.js';

/**
 * Enters a year's State Council notice: its citation and, when `days` is given, the whole list of days off and
 * make-up workdays (replacing what the year had). This is how a year missing from the built-in data is added.
 */
export async function setCalendarYear({ ctx, input }: { ctx: Ctx; input: SetCalendarYearInput & { year: number } }) {
  const seen = new Set<string>();
  for (const d of input.days ?? []) {
    const dayNo = validDay(d.day);
    if (Number(d.day.slice(0, 4)) !== input.year) throw invalid(`${d.day} 不在 ${input.year} 年`, `${d.day} is not in ${input.year}`);
    if (seen.has(d.day)) throw invalid(`${d.day} 重复`, `${d.day} is listed twice`);
    seen.add(d.day);
    checkKind(d.day, dayNo, d.kind);
  }
  const rootId = await authorizeCalendarWrite(ctx);
  try {
    return await withTransaction(ctx, async (tx) => {
      const before = await readYear(tx, input.year);
      await ensureTenantYear(tx, input.year);
      await tx.db
        .updateTable('calendarYears')
        .set({ notice: input.notice, updatedBy: tx.actor!.userId, updatedAt: tx.now() })
        .where('tenantId', '=', tx.tenantId)
        .where('year', '=', input.year)
        .execute();
      if (input.days) {
        await tx.db.deleteFrom('calendarDays').where('tenantId', '=', tx.tenantId).where('day', '>=', `${input.year}-01-01`).where('day', '<=', `${input.year}-12-31`).execute();
        if (input.days.length) {
          await tx.db
            .insertInto('calendarDays')
            .values(input.days.map((d) => ({ tenantId: tx.tenantId, day: d.day, kind: d.kind, name: d.name, source: 'manual' as const, updatedBy: tx.actor!.userId, updatedAt: tx.now() })))
            .execute();
        }
      }
      const after = await readYear(tx, input.year);
      await audit(tx, { action: 'calendar.year_set', targetType: 'calendar_year', targetId: String(input.year), regionId: rootId, before, after });
      return after;
    });
  } finally {
    calendars.invalidate(ctx.tenantId);
  }
}
