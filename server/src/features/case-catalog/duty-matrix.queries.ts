import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { can } from '../../platform/policy.js';

/** The duty matrix is configuration: every dispatch desk reads all of it; an admin writes the entries of their regions. */
export function authorizeMatrixRead(ctx: Ctx) {
  requireActor(ctx);
  if (!can(ctx.actor, 'case.read') && !can(ctx.actor, 'catalog.write')) throw new DomainError('FORBIDDEN');
}

export function selectEntries(ctx: Ctx) {
  return ctx.db
    .selectFrom('dutyMatrix as m')
    .innerJoin('caseCategories as k', (j) => j.onRef('k.tenantId', '=', 'm.tenantId').onRef('k.id', '=', 'm.categoryId'))
    .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'm.tenantId').onRef('r.id', '=', 'm.regionId'))
    .innerJoin('organisations as d', (j) => j.onRef('d.tenantId', '=', 'm.tenantId').onRef('d.id', '=', 'm.departmentId'))
    .leftJoin('organisations as a', (j) => j.onRef('a.tenantId', '=', 'm.tenantId').onRef('a.id', '=', 'm.assetOwnerId'))
    .select(['m.id', 'm.categoryId', 'k.name as categoryName', 'm.regionId', 'r.name as regionName', 'm.assetOwnerId', 'a.name as assetOwnerName', 'm.departmentId', 'd.name as departmentName', 'm.note', 'm.createdAt'])
    .where('m.tenantId', '=', ctx.tenantId);
}

export const presentEntry = <T extends { createdAt: Date }>(r: T) => ({ ...r, createdAt: r.createdAt.toISOString() });
