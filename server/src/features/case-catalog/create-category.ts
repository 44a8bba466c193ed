import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { ensureCaseSetup } from '../cases/ensure-case-setup.js';
import { authorizeCatalogWrite, findCategory, findDepartment } from './case-catalog.queries.js';
import type { CreateCategoryInput } from './case-catalog.schemas.js';

/** Adds a class (大类) or, under a class, a subcategory (小类) to the tenant's catalogue. Two levels, as GB/T 30428.2. */
export async function createCategory({ ctx, input }: { ctx: Ctx; input: CreateCategoryInput }) {
  const rootId = await authorizeCatalogWrite(ctx);
  await ensureCaseSetup(ctx);
  return withTransaction(ctx, async (tx) => {
    const parent = input.parentId ? await findCategory(tx.db, tx.tenantId, input.parentId) : undefined;
    if (parent && parent.depth > 0) throw invalid('小类下不能再设下级类别', 'Categories have two levels: a class and its subcategories');
    if (parent && input.kind && input.kind !== parent.kind) throw invalid('小类须与大类同为部件或事件', 'A subcategory has the kind of its class');
    const kind = parent?.kind ?? input.kind;
    if (!kind) throw invalid('请指定部件或事件（kind）', 'A class needs a kind (component or event)');
    if (input.ownerDepartmentId) await findDepartment(tx.db, tx.tenantId, input.ownerDepartmentId);
    const id = newId();
    const row = await tx.db
      .insertInto('caseCategories')
      .values({
        tenantId: tx.tenantId,
        id,
        code: input.code,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? 1 : 0,
        kind,
        name: input.name,
        filingCondition: input.filingCondition ?? null,
        closingCondition: input.closingCondition ?? null,
        urgency: input.urgency ?? 'normal',
        limits: JSON.stringify(input.limits ?? {}),
        ownerDepartmentId: input.ownerDepartmentId ?? null,
        updatedAt: tx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'case_category.created', targetType: 'case_category', targetId: id, regionId: rootId, after: row });
    return row;
  });
}
