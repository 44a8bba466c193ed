import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { normaliseEligibility } from './eligibility.js';
import { plannedMinutesOf } from './create-service-item.js';
import { authorizeManage, itemTransition } from './service-items.policy.js';
import { findVisibleItem, lockItem } from './service-items.queries.js';
import type { UpdateItemInput } from './service-items.schemas.js';

/** Edits a draft (published items are fixed: claimants signed up for what was published). */
export async function updateServiceItem({ ctx, input }: { ctx: Ctx; input: { id: string; changes: UpdateItemInput } }) {
  return withTransaction(ctx, async (tx) => {
    await findVisibleItem(tx, input.id);
    const before = await lockItem(tx, input.id);
    authorizeManage(tx.actor, before.communityPath);
    itemTransition('update', before.status);
    const { eligibility, startsAt: s, endsAt: e, title, placeName, ...rest } = input.changes;
    const startsAt = s ? new Date(s) : before.startsAt;
    const endsAt = e ? new Date(e) : before.endsAt;
    const timesChanged = !!(s || e);
    const plannedMinutes =
      input.changes.plannedMinutes ?? (timesChanged ? plannedMinutesOf(startsAt, endsAt, undefined) : before.plannedMinutes);
    if (timesChanged) plannedMinutesOf(startsAt, endsAt, plannedMinutes);
    const after = await tx.db
      .updateTable('serviceItems')
      .set({
        ...rest,
        ...(title ? { title: title.trim() } : {}),
        ...(placeName ? { placeName: placeName.trim() } : {}),
        ...(eligibility ? { eligibility: JSON.stringify(await normaliseEligibility(tx, eligibility)) } : {}),
        startsAt,
        endsAt,
        plannedMinutes,
        updatedAt: tx.now(),
      })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { communityName: _n, communityPath: _p, ...beforeRow } = before;
    await audit(tx, { action: 'service_item.updated', targetType: 'service_item', targetId: input.id, regionId: before.communityId, before: beforeRow, after });
    return findVisibleItem(tx, input.id);
  });
}
