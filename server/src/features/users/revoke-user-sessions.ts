import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { revokeUserSessions as revokeAll } from '../../platform/auth/sessions.js';
import { authorizeAccountAction, findUserFor } from './users.queries.js';

/** Signs a person out of every device (a lost phone, a suspected leak). */
export async function revokeUserSessions({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { user } = await findUserFor(tx, input.id, 'user.write');
    await authorizeAccountAction(tx, user.id);
    const sessionsRevoked = await revokeAll(tx.db, tx.tenantId, user.id, tx.now());
    await audit(tx, { action: 'user.sessions_revoked', targetType: 'user', targetId: user.id, regionId: user.regionId, after: { sessionsRevoked } });
    return { sessionsRevoked };
  });
}
