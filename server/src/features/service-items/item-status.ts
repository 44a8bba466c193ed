import type { Updateable } from 'kysely';
import type { ServiceItemTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { audit, auditMany } from '../../platform/audit.js';
import { chunked } from '../../platform/bulk.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { authorizeManage, canManageServices, itemTransition, type ItemAction } from './service-items.policy.js';
import { findVisibleItem, lockItem, selectItems, type ItemRow } from './service-items.queries.js';

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

/**
 * changeItemStatus for many items (batch verbs), in the caller's transaction: the items locked in id order, each
 * checked as changeItemStatus checks it (hidden drafts NOT_FOUND, a manager of its community, the transition
 * allowed) — the first failing id in input order throws with `details.index` — then one UPDATE and one audit row per
 * item. `check` adds a verb's own rule per item. Returns the items as they were and as they are, in input order.
 */
export async function changeItemsStatus(
  tx: Ctx,
  ids: string[],
  action: ItemAction,
  set: Updateable<ServiceItemTable> = {},
  check?: (item: ItemRow) => void,
): Promise<Array<{ before: ItemRow; after: ItemRow }>> {
  if (new Set(ids).size !== ids.length) throw invalid('同一服务重复出现', 'An item is listed twice');
  if (ids.length === 0) return [];
  const locked = new Map<string, ItemRow>();
  for (const chunk of chunked([...ids].sort(), 5000)) {
    for (const item of await selectItems(tx.db, tx.tenantId).where('i.id', 'in', chunk).orderBy('i.id').forNoKeyUpdate('i').execute()) locked.set(item.id, item);
  }
  const moves = ids.map((id, index) => {
    try {
      const before = locked.get(id);
      if (!before || (before.status === 'draft' && !canManageServices(tx.actor, before.communityPath))) throw notFound('服务');
      authorizeManage(tx.actor, before.communityPath);
      const status = itemTransition(action, before.status);
      check?.(before);
      return { before, status };
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
      throw error;
    }
  });
  const status = moves[0]!.status; // one action: one target status
  for (const chunk of chunked(ids, 5000)) {
    await tx.db
      .updateTable('serviceItems')
      .set({ ...set, status, updatedAt: tx.now() })
      .where('tenantId', '=', tx.tenantId)
      .where('id', 'in', chunk)
      .execute();
  }
  await auditMany(
    tx,
    moves.map((m) => ({ action: `service_item.${action}`, targetType: 'service_item', targetId: m.before.id, regionId: m.before.communityId, before: { status: m.before.status }, after: { status, ...set } })),
  );
  const after = new Map<string, ItemRow>();
  for (const chunk of chunked(ids, 5000)) for (const item of await selectItems(tx.db, tx.tenantId).where('i.id', 'in', chunk).execute()) after.set(item.id, item);
  return moves.map((m) => ({ before: m.before, after: after.get(m.before.id)! }));
}
