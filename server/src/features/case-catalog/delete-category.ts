import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorizeCatalogWrite, findCategory } from './case-catalog.queries.js';

/** Deletes a category nothing refers to (no subcategories, cases or duty-matrix entries; else 409: deactivate it instead). */
export async function deleteCategory({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const rootId = await authorizeCatalogWrite(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await findCategory(tx.db, tx.tenantId, input.id);
    await tx.db.deleteFrom('caseCategories').where('tenantId', '=', tx.tenantId).where('id', '=', input.id).execute();
    await audit(tx, { action: 'case_category.deleted', targetType: 'case_category', targetId: input.id, regionId: rootId, before });
  });
}
