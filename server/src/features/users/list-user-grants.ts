import type { Ctx } from '../../platform/context.js';
import { findVisibleUser, presentGrant, selectGrants } from './users.queries.js';

/** A person's role grants, oldest first; revoked ones only on request. */
export async function listUserGrants({ ctx, input }: { ctx: Ctx; input: { id: string; includeRevoked?: boolean } }) {
  const { user } = await findVisibleUser(ctx, input.id);
  const rows = await selectGrants(ctx.db, ctx.tenantId)
    .where('g.userId', '=', user.id)
    .$if(!input.includeRevoked, (q) => q.where('g.revokedAt', 'is', null))
    .orderBy('g.createdAt')
    .execute();
  return rows.map(presentGrant);
}
