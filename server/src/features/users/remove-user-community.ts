import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { findManagedCommunity } from './add-user-community.js';
import { findUserFor } from './users.queries.js';

/** Ends a person's link with a community (one relation, or every relation when none is named). */
export async function removeUserCommunity({ ctx, input }: { ctx: Ctx; input: { id: string; communityId: string; relation?: 'resident' | 'registered' } }) {
  return withTransaction(ctx, async (tx) => {
    const { user } = await findUserFor(tx, input.id, 'user.write');
    const community = await findManagedCommunity(tx, input.communityId);
    const removed = await tx.db
      .deleteFrom('userCommunities')
      .where('tenantId', '=', tx.tenantId)
      .where('userId', '=', user.id)
      .where('communityId', '=', community.id)
      .$if(!!input.relation, (q) => q.where('relation', '=', input.relation!))
      .returning(['communityId', 'relation'])
      .execute();
    if (removed.length === 0) throw notFound('社区关系');
    await audit(tx, { action: 'user.community_removed', targetType: 'user', targetId: user.id, regionId: community.id, before: removed });
  });
}
