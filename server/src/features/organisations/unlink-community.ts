import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { findLinkableCommunity } from './link-community.js';
import { findVisibleOrganisation } from './organisations.queries.js';

/** Ends a unit's link with a community. */
export async function unlinkCommunity({ ctx, input }: { ctx: Ctx; input: { unitId: string; communityId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const unit = await findVisibleOrganisation(tx, input.unitId);
    const community = await findLinkableCommunity(tx, input.communityId);
    const before = await tx.db
      .deleteFrom('unitCommunities')
      .where('tenantId', '=', tx.tenantId)
      .where('unitId', '=', unit.id)
      .where('communityId', '=', community.id)
      .returningAll()
      .executeTakeFirst();
    if (!before) throw notFound('共建关系');
    await audit(tx, { action: 'organisation.community_unlinked', targetType: 'organisation', targetId: unit.id, regionId: community.id, before });
  });
}
