import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { checkAgreementMove, recordEvent } from './co-building.machine.js';
import { findAgreement, notifyParties } from './co-building.queries.js';

/**
 * The community countersigns: the agreement becomes active, an earlier active agreement of the same pair ends
 * (superseded by this renewal), and the unit ↔ community link (unit_communities) is created or set to co_building.
 */
export async function confirmAgreement({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const { agreement: a, parties, sides } = await findAgreement(tx, input.id, { lock: true });
    const to = checkAgreementMove('confirm', a.status, sides);
    const now = tx.now();
    const superseded = await tx.db
      .updateTable('coBuildAgreements')
      .set({ status: 'ended', closedAt: now, closedBy: actor.userId, closeReason: '续签：由新协议取代', updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('unitId', '=', a.unitId)
      .where('communityId', '=', a.communityId)
      .where('status', '=', 'active')
      .returning('id')
      .execute();
    for (const s of superseded) {
      await recordEvent(tx, { agreementId: s.id, action: 'supersede', fromStatus: 'active', toStatus: 'ended', note: a.id, regionId: a.communityId });
    }
    const after = await tx.db
      .updateTable('coBuildAgreements')
      .set({ status: to, confirmedAt: now, confirmedBy: actor.userId, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, { agreementId: a.id, action: 'confirm', fromStatus: a.status, toStatus: to, regionId: a.communityId, before: { status: a.status }, after: { status: to } });
    const link = await tx.db
      .insertInto('unitCommunities')
      .values({ tenantId: tx.tenantId, unitId: a.unitId, communityId: a.communityId, relation: 'co_building', since: a.signedOn })
      .onConflict((oc) => oc.columns(['tenantId', 'unitId', 'communityId']).doUpdateSet((eb) => ({ relation: 'co_building', since: eb.fn.coalesce('unitCommunities.since', 'excluded.since') })))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'organisation.community_linked', targetType: 'organisation', targetId: a.unitId, regionId: a.communityId, after: { ...link, agreementId: a.id } });
    await notifyParties(tx, parties, { kind: 'co_building.confirmed', title: '共建协议已生效', body: `${parties.community.name}已确认与${parties.unit.name}的共建协议`, link: `/co-building/agreements/${a.id}` });
    return after;
  });
}
