import type { Ctx } from '../../platform/context.js';
import { withDb } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { createSession, loadGrants } from '../../platform/auth/sessions.js';
import { assertNotThrottled, clearFailures, recordFailure } from '../../platform/auth/throttle.js';
import { getProfile } from './get-me.js';
import type { LoginBody } from './auth.schemas.js';

const BAD_CREDENTIALS = new DomainError('UNAUTHENTICATED', { 'zh-CN': '手机号或密码错误', en: 'Wrong phone number or password' });

/** Phone + password login, throttled per phone and per client address; returns a new session token. */
export async function login({ ctx, input }: { ctx: Ctx; input: LoginBody & { userAgent?: string } }) {
  const now = ctx.now();
  const tenant = await ctx.db
    .selectFrom('tenants')
    .select(['id', 'code'])
    .where('code', '=', input.tenant ?? ctx.config.tenantCode)
    .executeTakeFirst();
  if (!tenant) throw BAD_CREDENTIALS;
  const tctx: Ctx = { ...ctx, tenantId: tenant.id };
  const ip = ctx.ip ?? 'unknown';
  await assertNotThrottled(ctx.db, tenant.id, [['phone', input.phone], ['ip', ip]], now);

  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'regionId', 'passwordHash', 'status'])
    .where('tenantId', '=', tenant.id)
    .where('phone', '=', input.phone)
    .executeTakeFirst();
  const ok = user?.status === 'active' && (await verifyPassword(user.passwordHash, input.password));
  if (!user || !ok) {
    await recordFailure(ctx.db, tenant.id, 'phone', input.phone, now);
    await recordFailure(ctx.db, tenant.id, 'ip', ip, now);
    throw BAD_CREDENTIALS;
  }
  await clearFailures(ctx.db, tenant.id, 'phone', input.phone);
  const session = await createSession(ctx.db, {
    tenantId: tenant.id,
    tenantCode: tenant.code,
    userId: user.id,
    ip,
    userAgent: input.userAgent,
    ttlHours: ctx.config.sessionTtlHours,
    now,
  });
  const actorCtx: Ctx = {
    ...tctx,
    actor: { userId: user.id, name: user.name, regionId: user.regionId, sessionId: session.sessionId, grants: await loadGrants(ctx.db, tenant.id, user.id) },
  };
  await audit(withDb(actorCtx, ctx.db), { action: 'auth.login', targetType: 'session', targetId: session.sessionId, regionId: user.regionId });
  return { token: session.token, expiresAt: session.expiresAt, user: await getProfile({ ctx: actorCtx, input: { userId: user.id } }) };
}
