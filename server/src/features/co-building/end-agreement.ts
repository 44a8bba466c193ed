import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { checkAgreementMove, recordEvent } from './co-building.machine.js';
import { findAgreement, notifyParties } from './co-building.queries.js';

/** Either side ends an active agreement early, with a reason. The unit ↔ community link stays (it records history). */
export async function endAgreement({ ctx, input }: { ctx: Ctx; input: { id: string; reason: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const { agreement: a, parties, sides } = await findAgreement(tx, input.id, { lock: true });
    const to = checkAgreementMove('end', a.status, sides);
    const now = tx.now();
    const after = await tx.db
      .updateTable('coBuildAgreements')
      .set({ status: to, closedAt: now, closedBy: actor.userId, closeReason: input.reason, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, { agreementId: a.id, action: 'end', fromStatus: a.status, toStatus: to, note: input.reason, regionId: a.communityId, before: { status: a.status }, after: { status: to } });
    await notifyParties(tx, parties, { kind: 'co_building.ended', title: '共建协议已终止', body: `${parties.unit.name} ↔ ${parties.community.name}：${input.reason}`, link: `/co-building/agreements/${a.id}` });
    return after;
  });
}
