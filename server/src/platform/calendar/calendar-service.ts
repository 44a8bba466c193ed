import type { Database } from '../../db/database.js';
import type { Ctx } from '../context.js';
import { loadTenantCalendar, type TenantCalendar } from './calendar-store.js';
import { HolidayCalendar, workingTime, type WorkingTime } from './working-time.js';

/** A tenant's calendar as the pure functions want it: every effective day, and the years that have a notice. */
export function toWorkingTime(tenant: TenantCalendar): WorkingTime {
  const years = [...tenant.years.values()];
  const calendar = new HolidayCalendar(
    years.flatMap((y) => y.days),
    years.filter((y) => y.notice).map((y) => y.year),
  );
  return workingTime(calendar, tenant.officeHours);
}

/**
 * Reads a tenant's calendar once and keeps it, so that computing a deadline costs no query. Edits in this
 * process invalidate at once (the calendar verbs call `invalidate` after committing); edits made by another
 * process are picked up when the entry expires (ttlMs), which bounds staleness in a scaled-out deployment.
 */
export class CalendarService {
  private readonly entries = new Map<string, { loadedAt: number; value: Promise<WorkingTime> }>();

  constructor(private readonly ttlMs = 60_000) {}

  forTenant(db: Database, tenantId: string): Promise<WorkingTime> {
    const hit = this.entries.get(tenantId);
    if (hit && Date.now() - hit.loadedAt < this.ttlMs) return hit.value;
    const value = loadTenantCalendar(db, tenantId).then(toWorkingTime);
    const entry = { loadedAt: Date.now(), value };
    this.entries.set(tenantId, entry);
    // A failed load is not remembered: the next caller tries again.
    value.catch(() => {
      if (this.entries.get(tenantId) === entry) this.entries.delete(tenantId);
    });
    return value;
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }
}

/** The process-wide cache (tenant ids are UUIDs, unique across databases). */
export const calendars = new CalendarService();

/** The tenant's working time for the case engine: `(await workingTimeFor(ctx)).addWorkingTime(start, { workingDays: 5 })`. */
export const workingTimeFor = (ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<WorkingTime> => calendars.forTenant(ctx.db, ctx.tenantId);
