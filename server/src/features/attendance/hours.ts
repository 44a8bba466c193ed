import type { Ctx } from '../../platform/context.js';

/**
 * How service time is credited, per tenant: `tenants.settings.serviceHours` (any field may be left out).
 * - rounding: the remainder r of the last started hour counts 0 when r ≤ zeroUpTo, 30 min when
 *   zeroUpTo < r ≤ halfUpTo, a full hour above; whole hours count as they are. Default 15/45 — the 志愿山城 rule
 *   "≤15 min → 0, 15–45 → 0.5 h, 45–60 → 1 h". null = exact minutes.
 * - dailyCapMinutes: at most this much credited per person per Asia/Shanghai day (of the check-in), across items.
 * - autoCheckoutAfterHours: open records are closed at the item's end this long after it (flagged for review).
 * - checkInEarlyMinutes: check-in opens this long before the start.
 */
export interface ServiceHoursSettings {
  rounding: { zeroUpTo: number; halfUpTo: number } | null;
  dailyCapMinutes: number;
  autoCheckoutAfterHours: number;
  checkInEarlyMinutes: number;
}

export const DEFAULT_HOURS_SETTINGS: ServiceHoursSettings = {
  rounding: { zeroUpTo: 15, halfUpTo: 45 },
  dailyCapMinutes: 8 * 60,
  autoCheckoutAfterHours: 4,
  checkInEarlyMinutes: 60,
};

const intIn = (v: unknown, min: number, max: number): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined);

/** The tenant's settings over the defaults; malformed fields fall back to the default rather than fail a check-out. */
export function parseHoursSettings(raw: unknown): ServiceHoursSettings {
  const s = (raw ?? {}) as Record<string, unknown>;
  const d = DEFAULT_HOURS_SETTINGS;
  let rounding = d.rounding;
  if (s.rounding === null) rounding = null;
  else if (s.rounding && typeof s.rounding === 'object') {
    const r = s.rounding as Record<string, unknown>;
    const zeroUpTo = intIn(r.zeroUpTo, 0, 59);
    const halfUpTo = intIn(r.halfUpTo, 0, 59);
    if (zeroUpTo !== undefined && halfUpTo !== undefined && zeroUpTo <= halfUpTo) rounding = { zeroUpTo, halfUpTo };
  }
  return {
    rounding,
    dailyCapMinutes: intIn(s.dailyCapMinutes, 0, 24 * 60) ?? d.dailyCapMinutes,
    autoCheckoutAfterHours: intIn(s.autoCheckoutAfterHours, 0, 24 * 7) ?? d.autoCheckoutAfterHours,
    checkInEarlyMinutes: intIn(s.checkInEarlyMinutes, 0, 24 * 60) ?? d.checkInEarlyMinutes,
  };
}

export async function loadHoursSettings(ctx: Ctx): Promise<ServiceHoursSettings> {
  const tenant = await ctx.db.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).executeTakeFirst();
  return parseHoursSettings((tenant?.settings as Record<string, unknown> | undefined)?.serviceHours);
}

/** Whole minutes between two instants (seconds dropped). */
export const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));

/** The rounding rule applied to the last started hour (see ServiceHoursSettings). */
export function roundServiceMinutes(actual: number, rounding: ServiceHoursSettings['rounding']): number {
  if (!rounding) return actual;
  const hours = Math.floor(actual / 60);
  const r = actual % 60;
  const part = r === 0 || r <= rounding.zeroUpTo ? 0 : r <= rounding.halfUpTo ? 30 : 60;
  return hours * 60 + part;
}

/**
 * Credited minutes for a record: rounded, then cut to what is left of the person's daily cap on its service day
 * (other pending or approved records count; declined ones do not). The caller holds the person's lock
 * (lockPerson) so that two check-outs of one person cannot both take the last minutes.
 */
export async function creditedMinutes(tx: Ctx, p: { userId: string; serviceDay: string; actual: number; excludeRecordId?: string; settings: ServiceHoursSettings }): Promise<number> {
  const rounded = roundServiceMinutes(p.actual, p.settings.rounding);
  const used = await tx.db
    .selectFrom('serviceRecords')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('creditedMinutes'), eb.lit(0)).as('n'))
    .where('tenantId', '=', tx.tenantId)
    .where('userId', '=', p.userId)
    .where('serviceDay', '=', p.serviceDay)
    .where('status', 'in', ['pending', 'approved'])
    .$if(!!p.excludeRecordId, (q) => q.where('id', '!=', p.excludeRecordId!))
    .executeTakeFirstOrThrow();
  return Math.max(0, Math.min(rounded, p.settings.dailyCapMinutes - Number(used.n)));
}

/** Serialises credit computations of one person (row lock on the user; foreign-key checks still pass). */
export async function lockPerson(tx: Ctx, userIds: string[]): Promise<void> {
  const ids = [...new Set(userIds)].sort(); // one order everywhere: no deadlocks between batch entries
  if (ids.length === 0) return;
  await tx.db.selectFrom('users').select('id').where('tenantId', '=', tx.tenantId).where('id', 'in', ids).orderBy('id').forNoKeyUpdate().execute();
}
