import type { Database } from '../../db/database.js';
import { builtinNotice, CN_HOLIDAY_NOTICES, daysOfNotice, noticeCitation } from './holidays-cn.js';
import { DEFAULT_OFFICE_HOURS, type DayKind, type OfficeHours } from './working-time.js';

export interface EffectiveDay {
  day: string;
  kind: DayKind;
  name: string;
  /** 'notice' = as the State Council notice says; 'manual' = entered or changed by an admin. */
  source: 'notice' | 'manual';
}

export interface EffectiveYear {
  year: number;
  notice: string | null;
  /** 'builtin' = the code's data for the year; 'tenant' = the tenant owns the year's days (it edited them). */
  source: 'builtin' | 'tenant';
  days: EffectiveDay[];
  updatedAt: Date | null;
}

export interface TenantCalendar {
  /** Every year with data, built-in or the tenant's, by year. Years absent here fall back to plain weekends. */
  years: Map<number, EffectiveYear>;
  officeHours: OfficeHours;
  officeHoursUpdatedAt: Date | null;
}

/** The built-in year as the tenant sees it when it has not edited that year. */
export function builtinYear(year: number): EffectiveYear | undefined {
  const notice = builtinNotice(year);
  if (!notice) return undefined;
  return { year, notice: noticeCitation(notice), source: 'builtin', days: daysOfNotice(notice).map((d) => ({ ...d, source: 'notice' as const })), updatedAt: null };
}

/**
 * A tenant's effective calendar: for each year, its own rows when it owns the year (calendar_years has a row),
 * else the built-in notice. Three small queries; CalendarService caches the result.
 */
export async function loadTenantCalendar(db: Database, tenantId: string): Promise<TenantCalendar> {
  // Sequential on purpose: ctx.db may be a transaction, which is one connection.
  const yearRows = await db.selectFrom('calendarYears').select(['year', 'notice', 'updatedAt']).where('tenantId', '=', tenantId).execute();
  const dayRows = await db.selectFrom('calendarDays').select(['day', 'kind', 'name', 'source']).where('tenantId', '=', tenantId).orderBy('day').execute();
  const settings = await db.selectFrom('calendarSettings').select(['officeHours', 'updatedAt']).where('tenantId', '=', tenantId).executeTakeFirst();
  const years = new Map<number, EffectiveYear>();
  for (const n of CN_HOLIDAY_NOTICES) years.set(n.year, builtinYear(n.year)!);
  for (const y of yearRows) years.set(y.year, { year: y.year, notice: y.notice, source: 'tenant', days: [], updatedAt: y.updatedAt });
  for (const d of dayRows) {
    const owner = years.get(Number(d.day.slice(0, 4)));
    // Rows always come with their year row (see ensureTenantYear); a stray one is ignored rather than trusted.
    if (owner?.source === 'tenant') owner.days.push(d);
  }
  return { years, officeHours: settings?.officeHours ?? DEFAULT_OFFICE_HOURS, officeHoursUpdatedAt: settings?.updatedAt ?? null };
}
