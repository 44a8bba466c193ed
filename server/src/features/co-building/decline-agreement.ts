import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { checkAgreementMove, recordEvent } from './co-building.machine.js';
import { findAgreement, notifyParties } from './co-building.queries.js';

/** The community declines a proposed agreement, with a reason; the unit may propose again. */
export async function declineAgreement({ ctx, input }: { ctx: Ctx; input: { id: string; reason: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const { agreement: a, parties, sides } = await findAgreement(tx, input.id, { lock: true });
    const to = checkAgreementMove('decline', a.status, sides);
    const now = tx.now();
    const after = await tx.db
      .updateTable('coBuildAgreements')
      .set({ status: to, closedAt: now, closedBy: actor.userId, closeReason: input.reason, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, { agreementId: a.id, action: 'decline', fromStatus: a.status, toStatus: to, note: input.reason, regionId: a.communityId, before: { status: a.status }, after: { status: to } });
    await notifyParties(tx, parties, { kind: 'co_building.declined', title: '共建协议未获社区同意', body: `${parties.community.name}：${input.reason}`, link: `/co-building/agreements/${a.id}` });
    return after;
  });
}
