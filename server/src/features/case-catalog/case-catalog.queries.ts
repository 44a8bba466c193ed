import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CaseCategoryTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';

export type CategoryRow = Selectable<CaseCategoryTable>;

export async function findCategory(db: Database, tenantId: string, id: string): Promise<CategoryRow> {
  const row = await db.selectFrom('caseCategories').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('案件类别');
  return row;
}

/** Categories with their parent's and owning department's names, as presented. */
export function selectCategories(db: Database, tenantId: string) {
  return db
    .selectFrom('caseCategories as k')
    .leftJoin('caseCategories as p', (j) => j.onRef('p.tenantId', '=', 'k.tenantId').onRef('p.id', '=', 'k.parentId'))
    .leftJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'k.tenantId').onRef('o.id', '=', 'k.ownerDepartmentId'))
    .select([
      'k.id',
      'k.code',
      'k.parentId',
      'p.name as parentName',
      'k.depth',
      'k.kind',
      'k.name',
      'k.filingCondition',
      'k.closingCondition',
      'k.urgency',
      'k.limits',
      'k.ownerDepartmentId',
      'o.name as ownerDepartmentName',
      'k.active',
      'k.updatedAt',
    ])
    .where('k.tenantId', '=', tenantId);
}

/** A department (organisation of kind 'department') of the tenant; VALIDATION otherwise (the list is a directory). */
export async function findDepartment(db: Database, tenantId: string, id: string) {
  const org = await db
    .selectFrom('organisations as o')
    .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
    .select(['o.id', 'o.name', 'o.kind', 'o.path', 'o.regionId', 'r.path as regionPath'])
    .where('o.tenantId', '=', tenantId)
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!org || org.kind !== 'department') throw invalid('请选择职能部门', 'Choose a department (an organisation of kind department)');
  return org;
}

/** The catalogue is tenant-wide: writing it needs `catalog.write` over every root region (as the calendar does). */
export async function authorizeCatalogWrite(ctx: Ctx): Promise<string | null> {
  const roots = await ctx.db.selectFrom('regions').select(['id', 'path']).where('tenantId', '=', ctx.tenantId).where('parentId', 'is', null).orderBy('id').execute();
  if (!roots.length) authorize(ctx.actor, 'catalog.write', { regionPath: '/' });
  for (const root of roots) authorize(ctx.actor, 'catalog.write', { regionPath: root.path });
  return roots[0]?.id ?? null;
}
