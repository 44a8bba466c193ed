import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorizeOrHide } from '../../platform/policy.js';
import { findRegion } from './regions.queries.js';
import type { UpdateRegionInput } from './regions.schemas.js';

export async function updateRegion({ ctx, input }: { ctx: Ctx; input: { id: string; changes: UpdateRegionInput } }) {
  return withTransaction(ctx, async (tx) => {
    const before = await findRegion(tx.db, tx.tenantId, input.id);
    authorizeOrHide(tx.actor, 'region.write', { regionPath: before.path }, '区域');
    const after = await tx.db
      .updateTable('regions')
      .set({ ...input.changes, updatedAt: tx.now() })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'region.updated', targetType: 'region', targetId: input.id, regionId: input.id, before, after });
    return after;
  });
}

/** Deletes a leaf region that nothing refers to (the database refuses otherwise: 409). */
export async function deleteRegion({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const before = await findRegion(tx.db, tx.tenantId, input.id);
    // Deleting needs admin rights over the parent: an admin cannot delete their own scope root.
    authorizeOrHide(tx.actor, 'region.write', { regionPath: before.path.slice(0, before.path.length - before.id.length - 1) || null }, '区域');
    await tx.db.deleteFrom('regions').where('tenantId', '=', tx.tenantId).where('id', '=', input.id).execute();
    await audit(tx, { action: 'region.deleted', targetType: 'region', targetId: input.id, regionId: before.parentId, before });
  });
}
