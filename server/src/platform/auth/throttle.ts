import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { DomainError } from '../errors.js';

/** Failures allowed per window before the key is locked; per phone and per client address. */
export const THROTTLE_RULES = {
  phone: { limit: 5, windowMinutes: 15, lockMinutes: 15 },
  ip: { limit: 30, windowMinutes: 15, lockMinutes: 15 },
} as const;

type Kind = keyof typeof THROTTLE_RULES;
const keyOf = (kind: Kind, value: string) => `${kind}:${value}`;

/** Throws RATE_LIMITED (429, Retry-After) while any of the keys is locked. */
export async function assertNotThrottled(db: Database, tenantId: string, keys: Array<[Kind, string]>, now: Date): Promise<void> {
  const locked = await db
    .selectFrom('loginThrottle')
    .select(['key', 'lockedUntil'])
    .where('tenantId', '=', tenantId)
    .where('key', 'in', keys.map(([k, v]) => keyOf(k, v)))
    .where('lockedUntil', '>', now)
    .orderBy('lockedUntil', 'desc')
    .executeTakeFirst();
  if (locked?.lockedUntil) {
    const retryAfter = Math.max(1, Math.ceil((locked.lockedUntil.getTime() - now.getTime()) / 1000));
    throw new DomainError(
      'RATE_LIMITED',
      { 'zh-CN': `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, en: `Too many failed logins; retry in ${retryAfter} s` },
      { retryAfterSeconds: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
  }
}

/** Counts one failure atomically (one statement, safe under concurrent attempts); locks the key at the limit. */
export async function recordFailure(db: Database, tenantId: string, kind: Kind, value: string, now: Date): Promise<void> {
  const rule = THROTTLE_RULES[kind];
  const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + rule.lockMinutes * 60_000);
  await sql`
    insert into login_throttle (tenant_id, key, failures, window_started_at, locked_until)
    values (${tenantId}, ${keyOf(kind, value)}, 1, ${now}, ${rule.limit <= 1 ? lockUntil : null})
    on conflict (tenant_id, key) do update set
      failures = case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end,
      window_started_at = case when login_throttle.window_started_at < ${windowStart} then ${now} else login_throttle.window_started_at end,
      locked_until = case
        when login_throttle.window_started_at >= ${windowStart} and login_throttle.failures + 1 >= ${rule.limit} then ${lockUntil}
        else login_throttle.locked_until end`.execute(db);
}

export async function clearFailures(db: Database, tenantId: string, kind: Kind, value: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('tenantId', '=', tenantId).where('key', '=', keyOf(kind, value)).execute();
}
