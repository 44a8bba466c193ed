import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { toShanghaiIso } from '../../platform/calendar/shanghai-time.js';
import { CLAIM_TRANSITIONS } from './service-items.policy.js';
import type { ItemRow } from './service-items.queries.js';

/**
 * Gives up to `places` freed places to the earliest waiters (by queued_at, id), in the caller's transaction,
 * which must hold the item's row lock (lockItem): promotions of one item are thereby serialised, and each freed
 * place goes to exactly one waiter. Only while the item is live (published or closed) and has not ended.
 */
export async function promoteWaitlisted(tx: Ctx, item: ItemRow, places: number): Promise<string[]> {
  const now = tx.now();
  if (places <= 0 || !(item.status === 'published' || item.status === 'closed') || now >= item.endsAt) return [];
  const promoted = await tx.db
    .updateTable('serviceClaims')
    .set({ status: CLAIM_TRANSITIONS.promote.to, promotedAt: now, updatedAt: now })
    .where('tenantId', '=', tx.tenantId)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('serviceClaims as w')
        .select('w.id')
        .where('w.tenantId', '=', tx.tenantId)
        .where('w.itemId', '=', item.id)
        .where('w.status', 'in', CLAIM_TRANSITIONS.promote.from)
        .orderBy('w.queuedAt')
        .orderBy('w.id')
        .limit(places)
        .forUpdate(),
    )
    .returning(['id', 'userId'])
    .execute();
  if (promoted.length === 0) return [];
  await tx.db
    .updateTable('serviceItems')
    .set((eb) => ({ claimedCount: eb('claimedCount', '+', promoted.length), waitlistedCount: eb('waitlistedCount', '-', promoted.length) }))
    .where('tenantId', '=', tx.tenantId)
    .where('id', '=', item.id)
    .execute();
  for (const p of promoted) {
    await audit(tx, { action: 'service_claim.promoted', targetType: 'service_claim', targetId: p.id, regionId: item.communityId, before: { status: 'waitlisted' }, after: { status: 'claimed' } });
  }
  await tx.notifier.notify(tx, {
    userIds: promoted.map((p) => p.userId),
    kind: 'service_claim.promoted',
    title: `候补成功：${item.title}`,
    body: `有人取消了认领，您已从候补转为正式认领。服务时间 ${toShanghaiIso(item.startsAt).slice(0, 16).replace('T', ' ')}，地点 ${item.placeName}。`,
    link: `/services/${item.id}`,
  });
  return promoted.map((p) => p.userId);
}
