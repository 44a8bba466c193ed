import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { builtinYear, loadTenantCalendar, type EffectiveYear } from '../../platform/calendar/calendar-store.js';
import { builtinNotice, noticeCitation } from '../../platform/calendar/holidays-cn.js';
import type { CalendarYearDays } from './calendar.schemas.js';

/**
 * The calendar is tenant-wide, so editing it needs 'calendar.write' over every root region of the tenant.
 * Returns the root region id, under which the audit entries are filed.
 */
export async function authorizeCalendarWrite(ctx: Ctx): Promise<string | null> {
  requireActor(ctx);
  const roots = await ctx.db.selectFrom('regions').select(['id', 'path']).where('tenantId', '=', ctx.tenantId).where('parentId', 'is', null).orderBy('id').execute();
  if (!roots.length) authorize(ctx.actor, 'calendar.write', { regionPath: '/' });
  for (const root of roots) authorize(ctx.actor, 'calendar.write', { regionPath: root.path });
  return roots[0]?.id ?? null;
}

/**
 * Makes the tenant the owner of a year before its first edit: a calendar_years row, and a copy of the built-in
 * notice's days when there is one. Concurrent first edits are safe: only the insert that wins copies the days.
 */
export async function ensureTenantYear(ctx: Ctx, year: number): Promise<void> {
  const notice = builtinNotice(year);
  const inserted = await ctx.db
    .insertInto('calendarYears')
    .values({ tenantId: ctx.tenantId, year, notice: notice ? noticeCitation(notice) : null, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now() })
    .onConflict((oc) => oc.columns(['tenantId', 'year']).doNothing())
    .returning('year')
    .executeTakeFirst();
  const days = inserted && builtinYear(year)?.days;
  if (days?.length) {
    await ctx.db
      .insertInto('calendarDays')
      .values(days.map((d) => ({ tenantId: ctx.tenantId, day: d.day, kind: d.kind, name: d.name, source: 'notice' as const, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now() })))
      .execute();
  }
}

export async function touchYear(ctx: Ctx, year: number): Promise<void> {
  await ctx.db.updateTable('calendarYears').set({ updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now() }).where('tenantId', '=', ctx.tenantId).where('year', '=', year).execute();
}

export function presentYear(year: number, effective: EffectiveYear | undefined): CalendarYearDays {
  return {
    year,
    notice: effective?.notice ?? null,
    hasNotice: !!effective?.notice,
    source: effective?.source ?? 'none',
    items: effective?.days ?? [],
  };
}

/** One year as the tenant sees it now (fresh from the database, not the cache). */
export async function readYear(ctx: Ctx, year: number): Promise<CalendarYearDays> {
  const calendar = await loadTenantCalendar(ctx.db, ctx.tenantId);
  return presentYear(year, calendar.years.get(year));
}
