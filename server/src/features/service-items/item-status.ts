import type { Updateable } from 'kysely';
import type { ServiceItemTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorizeManage, itemTransition, type ItemAction } from './service-items.policy.js';
import { findVisibleItem, lockItem, type ItemRow } from './service-items.queries.js';

/**
 * Moves an item along ITEM_TRANSITIONS under its row lock, inside the caller's transaction, and audits it.
 * Returns the item as it was (for side effects that depend on it) and as it is.
 */
export async function changeItemStatus(tx: Ctx, id: string, action: ItemAction, set: Updateable<ServiceItemTable> = {}): Promise<{ before: ItemRow; after: ItemRow }> {
  await findVisibleItem(tx, id); // drafts of other communities stay hidden (404)
  const before = await lockItem(tx, id);
  authorizeManage(tx.actor, before.communityPath);
  const status = itemTransition(action, before.status);
  await tx.db
    .updateTable('serviceItems')
    .set({ ...set, status, updatedAt: tx.now() })
    .where('tenantId', '=', tx.tenantId)
    .where('id', '=', id)
    .execute();
  const after = await findVisibleItem(tx, id);
  await audit(tx, {
    action: `service_item.${action}`,
    targetType: 'service_item',
    targetId: id,
    regionId: before.communityId,
    before: { status: before.status },
    after: { status, ...set },
  });
  return { before, after };
}
