import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findUserFor } from './users.queries.js';

/** The community a person link names; the actor must manage people there (a link puts the person in its scope). */
export async function findManagedCommunity(ctx: Ctx, communityId: string) {
  const community = await findRegion(ctx.db, ctx.tenantId, communityId);
  if (community.kind !== 'community') throw invalid('只能关联到社区', 'People are linked to a community');
  authorize(ctx.actor, 'user.write', { regionPath: community.path });
  return community;
}

/** Records that a person lives in (resident) or has reported in to (registered) a community. */
export async function addUserCommunity({ ctx, input }: { ctx: Ctx; input: { id: string; communityId: string; relation: 'resident' | 'registered' } }) {
  return withTransaction(ctx, async (tx) => {
    const { user } = await findUserFor(tx, input.id, 'user.write');
    const community = await findManagedCommunity(tx, input.communityId);
    const link = await tx.db
      .insertInto('userCommunities')
      .values({ tenantId: tx.tenantId, userId: user.id, communityId: community.id, relation: input.relation })
      .onConflict((oc) => oc.doNothing())
      .returning(['communityId', 'relation'])
      .executeTakeFirst();
    if (!link) throw conflict('此人已关联该社区', 'The person is already linked to this community');
    await audit(tx, { action: 'user.community_added', targetType: 'user', targetId: user.id, regionId: community.id, after: link });
    return { id: community.id, name: community.name, relation: link.relation };
  });
}
