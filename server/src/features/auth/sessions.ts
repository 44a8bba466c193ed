import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { revokeSession } from '../../platform/auth/sessions.js';

/** The caller's live sessions (devices), newest first. */
export async function listMySessions({ ctx }: { ctx: Ctx }) {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .selectFrom('sessions')
    .select(['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent'])
    .where('tenantId', '=', ctx.tenantId)
    .where('userId', '=', actor.userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', ctx.now())
    .orderBy('createdAt', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ ...r, current: r.id === actor.sessionId }));
}

/** Signs out one of the caller's sessions (the current one when logging out). */
export async function revokeMySession({ ctx, input }: { ctx: Ctx; input: { sessionId: string } }) {
  const actor = requireActor(ctx);
  const session = await ctx.db
    .selectFrom('sessions')
    .select('id')
    .where('tenantId', '=', ctx.tenantId)
    .where('id', '=', input.sessionId)
    .where('userId', '=', actor.userId)
    .executeTakeFirst();
  if (!session) throw notFound('会话');
  await revokeSession(ctx.db, ctx.tenantId, session.id, ctx.now());
  await audit(ctx, { action: 'auth.session_revoked', targetType: 'session', targetId: session.id, regionId: actor.regionId });
}

export async function updateMe({ ctx, input }: { ctx: Ctx; input: { locale?: 'zh-CN' | 'en' } }) {
  const actor = requireActor(ctx);
  if (input.locale) {
    await ctx.db.updateTable('users').set({ locale: input.locale, updatedAt: ctx.now() }).where('tenantId', '=', ctx.tenantId).where('id', '=', actor.userId).execute();
    await audit(ctx, { action: 'user.locale_changed', targetType: 'user', targetId: actor.userId, regionId: actor.regionId, after: input });
  }
}
