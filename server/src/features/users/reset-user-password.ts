import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid } from '../../platform/errors.js';
import { hashPassword, isAcceptablePassword } from '../../platform/auth/password.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import { authorizeAccountAction, findUserFor } from './users.queries.js';

/**
 * An administrator sets a temporary password for a person (who forgot theirs) and signs out all their sessions.
 * One's own password is changed with the current one (POST /me/password), never reset.
 */
export async function resetUserPassword({ ctx, input }: { ctx: Ctx; input: { id: string; newPassword: string } }) {
  if (!isAcceptablePassword(input.newPassword)) throw invalid('新密码至少 8 位，且包含字母和数字', 'The new password needs 8+ characters with letters and digits');
  const passwordHash = await hashPassword(input.newPassword);
  return withTransaction(ctx, async (tx) => {
    const { user, self } = await findUserFor(tx, input.id, 'user.write');
    await authorizeAccountAction(tx, user.id);
    if (self) throw conflict('请通过“修改密码”修改自己的密码', 'Change your own password with POST /me/password');
    const now = tx.now();
    await tx.db.updateTable('users').set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where('tenantId', '=', tx.tenantId).where('id', '=', user.id).execute();
    const sessionsRevoked = await revokeUserSessions(tx.db, tx.tenantId, user.id, now);
    await audit(tx, { action: 'user.password_reset', targetType: 'user', targetId: user.id, regionId: user.regionId, after: { sessionsRevoked } });
    return { sessionsRevoked };
  });
}
