import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { grantRole } from '../users/grant-role.js';
import { revokeRole } from '../users/revoke-role.js';
import type { ReportInRow } from './report-ins.machine.js';
import { platformCtx } from './report-ins.queries.js';

/**
 * What an active report-in means for the person: a 报到 link to the community (user_communities 'registered') and
 * the `member` role over it. Returns the id of the grant when this confirmation created it (null when it existed).
 */
export async function joinCommunity(tx: Ctx, record: ReportInRow): Promise<string | null> {
  const link = await tx.db
    .insertInto('userCommunities')
    .values({ tenantId: tx.tenantId, userId: record.userId, communityId: record.communityId, relation: 'registered' })
    .onConflict((oc) => oc.doNothing())
    .returning(['communityId', 'relation'])
    .executeTakeFirst();
  if (link) await audit(tx, { action: 'user.community_added', targetType: 'user', targetId: record.userId, regionId: record.communityId, after: { ...link, reportInId: record.id } });
  const held = await tx.db
    .selectFrom('roleGrants')
    .select('id')
    .where('tenantId', '=', tx.tenantId)
    .where('userId', '=', record.userId)
    .where('role', '=', 'member')
    .where('regionId', '=', record.communityId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (held) return null;
  const grant = await grantRole({ ctx: platformCtx(tx), input: { userId: record.userId, role: 'member', regionId: record.communityId } });
  return grant.id;
}

/** Undoes joinCommunity when an active member leaves (transfer, deactivation): the link, and the grant if it made it. */
export async function leaveCommunity(tx: Ctx, record: ReportInRow): Promise<void> {
  if (record.status !== 'active') return;
  const removed = await tx.db
    .deleteFrom('userCommunities')
    .where('tenantId', '=', tx.tenantId)
    .where('userId', '=', record.userId)
    .where('communityId', '=', record.communityId)
    .where('relation', '=', 'registered')
    .returning(['communityId', 'relation'])
    .execute();
  if (removed.length) await audit(tx, { action: 'user.community_removed', targetType: 'user', targetId: record.userId, regionId: record.communityId, before: removed });
  if (!record.memberGrantId) return;
  const grant = await tx.db.selectFrom('roleGrants').select('revokedAt').where('tenantId', '=', tx.tenantId).where('id', '=', record.memberGrantId).executeTakeFirst();
  if (grant && !grant.revokedAt) await revokeRole({ ctx: platformCtx(tx), input: { grantId: record.memberGrantId } });
}
