import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import { checkItemMove, recordEvent } from './co-building.machine.js';
import { findItem, inForce, notifyParties } from './co-building.queries.js';

/** 双向认领: the side that did not write the item claims it (a unit claims a community need, a community a unit resource). */
export async function claimItem({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const { item, agreement, parties, sides } = await findItem(tx, input.id, { lock: true });
    const to = checkItemMove('claim', item.status, sides, item.side);
    if (!inForce(agreement, tx.now())) throw conflict('共建协议未生效或已到期', 'The agreement is not in force');
    const now = tx.now();
    const after = await tx.db
      .updateTable('coBuildItems')
      .set({ status: to, claimedBy: actor.userId, claimedAt: now, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', item.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, { agreementId: agreement.id, itemId: item.id, action: 'item.claim', fromStatus: item.status, toStatus: to, regionId: agreement.communityId, before: { status: item.status }, after: { status: to, claimedBy: actor.userId } });
    await notifyParties(tx, parties, { kind: 'co_building.item_claimed', title: '清单事项已被认领', body: `${actor.name} 认领了「${item.title}」`, link: `/co-building/items/${item.id}` });
    return after;
  });
}
