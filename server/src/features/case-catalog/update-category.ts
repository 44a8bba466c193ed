import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorizeCatalogWrite, findCategory, findDepartment } from './case-catalog.queries.js';
import type { UpdateCategoryInput } from './case-catalog.schemas.js';

/**
 * Edits a category. New limits apply to clocks started afterwards; running clocks keep their deadlines
 * (as calendar edits do). Deactivating hides the category from intake; existing cases are unaffected.
 */
export async function updateCategory({ ctx, input }: { ctx: Ctx; input: { id: string; changes: UpdateCategoryInput } }) {
  const rootId = await authorizeCatalogWrite(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await findCategory(tx.db, tx.tenantId, input.id);
    const { limits, ownerDepartmentId, ...rest } = input.changes;
    if (ownerDepartmentId) await findDepartment(tx.db, tx.tenantId, ownerDepartmentId);
    const after = await tx.db
      .updateTable('caseCategories')
      .set({
        ...rest,
        ...(limits !== undefined ? { limits: JSON.stringify(limits) } : {}),
        ...(ownerDepartmentId !== undefined ? { ownerDepartmentId } : {}),
        updatedAt: tx.now(),
      })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'case_category.updated', targetType: 'case_category', targetId: input.id, regionId: rootId, before, after });
    return after;
  });
}
