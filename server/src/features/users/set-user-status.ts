import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import { authorizeAccountAction, findUserFor } from './users.queries.js';

/**
 * Disables (signing out every session at once) or re-enables a person's account. Nobody disables themselves;
 * setting the status it already has changes nothing.
 */
export async function setUserStatus({ ctx, input }: { ctx: Ctx; input: { id: string; status: 'active' | 'disabled' } }) {
  return withTransaction(ctx, async (tx) => {
    const { user, self } = await findUserFor(tx, input.id, 'user.write');
    await authorizeAccountAction(tx, user.id);
    if (self && input.status === 'disabled') throw conflict('不能停用自己的账号', 'You cannot disable your own account');
    if (user.status === input.status) return { sessionsRevoked: 0 };
    const now = tx.now();
    await tx.db.updateTable('users').set({ status: input.status, updatedAt: now }).where('tenantId', '=', tx.tenantId).where('id', '=', user.id).execute();
    const sessionsRevoked = input.status === 'disabled' ? await revokeUserSessions(tx.db, tx.tenantId, user.id, now) : 0;
    await audit(tx, {
      action: input.status === 'disabled' ? 'user.disabled' : 'user.enabled',
      targetType: 'user',
      targetId: user.id,
      regionId: user.regionId,
      before: { status: user.status },
      after: { status: input.status, sessionsRevoked },
    });
    return { sessionsRevoked };
  });
}
