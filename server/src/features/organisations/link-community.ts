import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findVisibleOrganisation } from './organisations.queries.js';
import type { LinkCommunityInput } from './organisations.schemas.js';

/** Finds the community a link names and checks the actor administers it: the community side confirms a co-building link. */
export async function findLinkableCommunity(ctx: Ctx, communityId: string) {
  const community = await findRegion(ctx.db, ctx.tenantId, communityId);
  if (community.kind !== 'community') throw invalid('只能与社区建立共建关系', 'Links are made with a community');
  authorize(ctx.actor, 'org.write', { regionPath: community.path });
  return community;
}

/** Records that a unit (or department) co-builds with, is stationed in, or is linked to a community. */
export async function linkCommunity({ ctx, input }: { ctx: Ctx; input: LinkCommunityInput & { unitId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const unit = await findVisibleOrganisation(tx, input.unitId);
    const community = await findLinkableCommunity(tx, input.communityId);
    if (unit.kind === 'party_org') throw invalid('党组织请通过其所在单位建立共建关系', 'Party organisations co-build through their unit');
    const link = await tx.db
      .insertInto('unitCommunities')
      .values({ tenantId: tx.tenantId, unitId: unit.id, communityId: community.id, relation: input.relation, since: input.since ?? null })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!link) throw conflict('该单位与该社区已有共建关系', 'The unit is already linked to this community');
    await audit(tx, { action: 'organisation.community_linked', targetType: 'organisation', targetId: unit.id, regionId: community.id, after: link });
    return { ...link, communityName: community.name, communityCode: community.code };
  });
}
