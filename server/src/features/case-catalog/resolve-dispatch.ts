import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { idsOfPath } from '../regions/regions.queries.js';
import type { DispatchResolution } from './case-catalog.schemas.js';

const NONE: DispatchResolution = { basis: null, departmentId: null, departmentName: null, regionId: null, regionName: null, entryId: null };

/**
 * Who is responsible for a case of `category` at `region` (owned by `assetOwnerId`), in this order:
 *  1. the most specific duty-matrix entry: one naming the asset owner beats one without; then the deeper category
 *     (小类 over 大类); then the deeper region (a community's entry over its city's);
 *  2. the category's owning department (its own, else its nearest ancestor's);
 *  3. 属地兜底: the subdistrict that contains the region (the case is dispatched to the subdistrict itself, see
 *     features/cases/README.md); none when the region lies above subdistrict level.
 */
export async function resolveDispatch(
  db: Database,
  tenantId: string,
  at: { categoryPath: string; regionPath: string; assetOwnerId?: string | null },
): Promise<DispatchResolution> {
  const categoryIds = idsOfPath(at.categoryPath);
  const regionIds = idsOfPath(at.regionPath);
  const entry = await db
    .selectFrom('dutyMatrix as m')
    .innerJoin('caseCategories as k', (j) => j.onRef('k.tenantId', '=', 'm.tenantId').onRef('k.id', '=', 'm.categoryId'))
    .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'm.tenantId').onRef('r.id', '=', 'm.regionId'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'm.tenantId').onRef('o.id', '=', 'm.departmentId'))
    .select(['m.id', 'm.departmentId', 'o.name as departmentName'])
    .where('m.tenantId', '=', tenantId)
    .where('m.categoryId', 'in', categoryIds)
    .where('m.regionId', 'in', regionIds)
    .where((eb) => (at.assetOwnerId ? eb.or([eb('m.assetOwnerId', 'is', null), eb('m.assetOwnerId', '=', at.assetOwnerId)]) : eb('m.assetOwnerId', 'is', null)))
    .orderBy(sql`m.asset_owner_id is not null`, 'desc')
    .orderBy('k.depth', 'desc')
    .orderBy('r.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (entry) return { ...NONE, basis: 'matrix', departmentId: entry.departmentId, departmentName: entry.departmentName, entryId: entry.id };

  const owner = await db
    .selectFrom('caseCategories as k')
    .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'k.tenantId').onRef('o.id', '=', 'k.ownerDepartmentId'))
    .select(['o.id', 'o.name'])
    .where('k.tenantId', '=', tenantId)
    .where('k.id', 'in', categoryIds)
    .orderBy('k.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (owner) return { ...NONE, basis: 'owner', departmentId: owner.id, departmentName: owner.name };

  const subdistrict = await db
    .selectFrom('regions')
    .select(['id', 'name'])
    .where('tenantId', '=', tenantId)
    .where('id', 'in', regionIds)
    .where('kind', '=', 'subdistrict')
    .executeTakeFirst();
  if (subdistrict) return { ...NONE, basis: 'territorial', regionId: subdistrict.id, regionName: subdistrict.name };
  return NONE;
}
