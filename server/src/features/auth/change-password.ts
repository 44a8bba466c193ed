import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { hashPassword, isAcceptablePassword, verifyPassword } from '../../platform/auth/password.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';

/** Changes the caller's password and signs out every other session of theirs. */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: { currentPassword: string; newPassword: string } }) {
  const actor = requireActor(ctx);
  if (!isAcceptablePassword(input.newPassword)) throw invalid('新密码至少 8 位，且包含字母和数字', 'The new password needs 8+ characters with letters and digits');
  const user = await ctx.db.selectFrom('users').select('passwordHash').where('tenantId', '=', ctx.tenantId).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError('VALIDATION', { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(ctx, async (tx) => {
    const now = tx.now();
    await tx.db.updateTable('users').set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where('tenantId', '=', tx.tenantId).where('id', '=', actor.userId).execute();
    const revoked = await revokeUserSessions(tx.db, tx.tenantId, actor.userId, now, actor.sessionId ?? undefined);
    await audit(tx, { action: 'auth.password_changed', targetType: 'user', targetId: actor.userId, regionId: actor.regionId, after: { otherSessionsRevoked: revoked } });
  });
}
