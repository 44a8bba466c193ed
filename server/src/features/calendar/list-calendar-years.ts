import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { loadTenantCalendar } from '../../platform/calendar/calendar-store.js';
import { shanghaiDate } from '../../platform/calendar/shanghai-time.js';
import { presentYear } from './calendar.queries.js';

// Notices so far: 2023-10-25 (for 2024), 2024-11-12 (2025), 2025-11-04 (2026).
const NOTICE_SEASON_MONTH = 10;

/**
 * Every year from the first with data to this year and — from October, when the State Council usually publishes it — next
 * year, whether or not they have any. A year without a notice is listed in `missingYears`; the admin console
 * warns until it is entered. Dates in Asia/Shanghai.
 */
export async function listCalendarYears({ ctx }: { ctx: Ctx }) {
  requireActor(ctx);
  const calendar = await loadTenantCalendar(ctx.db, ctx.tenantId);
  const [thisYear, month] = shanghaiDate(ctx.now()).split('-').map(Number) as [number, number];
  const known = [...calendar.years.keys(), thisYear, month >= NOTICE_SEASON_MONTH ? thisYear + 1 : thisYear];
  // every year in between too: a gap (a year nobody entered) is as missing as next year
  const years = Array.from({ length: Math.max(...known) - Math.min(...known) + 1 }, (_, i) => Math.min(...known) + i);
  const items = years.map((year) => {
    const effective = calendar.years.get(year);
    const { items: days, ...view } = presentYear(year, effective);
    return {
      ...view,
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
      updatedAt: effective?.updatedAt?.toISOString() ?? null,
    };
  });
  return { items, missingYears: items.filter((y) => !y.hasNotice).map((y) => y.year) };
}
