import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { checkItemMove, recordEvent } from './co-building.machine.js';
import { findItem, notifyParties } from './co-building.queries.js';

/** Either side records that a claimed item is done, with a note on what was done. */
export async function completeItem({ ctx, input }: { ctx: Ctx; input: { id: string; note: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const { item, agreement, parties, sides } = await findItem(tx, input.id, { lock: true });
    const to = checkItemMove('complete', item.status, sides, item.side);
    const now = tx.now();
    const after = await tx.db
      .updateTable('coBuildItems')
      .set({ status: to, completedBy: actor.userId, completedAt: now, completionNote: input.note, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', item.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, { agreementId: agreement.id, itemId: item.id, action: 'item.complete', fromStatus: item.status, toStatus: to, note: input.note, regionId: agreement.communityId, before: { status: item.status }, after: { status: to } });
    await notifyParties(tx, parties, { kind: 'co_building.item_completed', title: '清单事项已完成', body: `「${item.title}」：${input.note}`, link: `/co-building/items/${item.id}` });
    return after;
  });
}
