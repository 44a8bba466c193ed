import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { authorizeOrHide, can, regionScopes, type Permission, type ScopeTarget } from '../../platform/policy.js';
import { orgInScope, regionInScope } from '../../platform/scope.js';

/** Organisation columns as presented, with the names of its region and parent (and the region path for authorization). */
export function selectOrganisations(db: Database, tenantId: string) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
    .leftJoin('organisations as p', (j) => j.onRef('p.tenantId', '=', 'o.tenantId').onRef('p.id', '=', 'o.parentId'))
    .select([
      'o.id',
      'o.kind',
      'o.subtype',
      'o.name',
      'o.code',
      'o.regionId',
      'r.name as regionName',
      'r.path as regionPath',
      'o.parentId',
      'p.name as parentName',
      'o.path',
      'o.depth',
      'o.contactName',
      'o.contactPhone',
      'o.updatedAt',
    ])
    .where('o.tenantId', '=', tenantId);
}

/**
 * An organisation the actor may see: in their scope (scope.ts `orgInScope`), or a unit co-building with a
 * community in their region scope — a community secretary sees the units that report in to the community.
 */
export function orgVisible(tenantId: string, actor: Actor | null, permission: Permission, orgIdColumn: string) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> =>
    eb.or([
      orgInScope(tenantId, actor, permission, orgIdColumn)(eb),
      eb.exists(
        eb
          .selectFrom('unitCommunities as vis_uc')
          .select(sql`1`.as('one'))
          .where('vis_uc.tenantId', '=', tenantId)
          .whereRef('vis_uc.unitId', '=', eb.ref(orgIdColumn) as any)
          .where(regionInScope(tenantId, actor, permission, 'vis_uc.communityId')),
      ),
    ]);
}

/**
 * Loads an organisation the actor may read (the same rule as `orgVisible`, judged on one row: a primary-key
 * lookup, not a scan of the actor's scope); NOT_FOUND when it does not exist or lies outside their scope.
 */
export async function findVisibleOrganisation(ctx: Ctx, id: string) {
  const org = await selectOrganisations(ctx.db, ctx.tenantId).where('o.id', '=', id).executeTakeFirst();
  if (!org) throw notFound('组织');
  if (!can(ctx.actor, 'org.read', orgTarget(org)) && !(await linkedWithinScope(ctx, org.id))) {
    authorizeOrHide(ctx.actor, 'org.read', orgTarget(org), '组织');
  }
  return org;
}

/**
 * The set-based `findVisibleOrganisation` (batch verbs): the organisations by id in one query, judged by the same
 * rule; the first id (in the given order) that is missing or hidden throws as findVisibleOrganisation would, with
 * `details.orgId` naming it.
 */
export async function findVisibleOrganisations(ctx: Ctx, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await selectOrganisations(ctx.db, ctx.tenantId).where('o.id', 'in', unique).execute() : [];
  const byId = new Map(rows.map((o) => [o.id, o]));
  for (const id of unique) {
    const org = byId.get(id);
    if (org && can(ctx.actor, 'org.read', orgTarget(org))) continue;
    try {
      await findVisibleOrganisation(ctx, id); // visible through a co-building link, or throws
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { orgId: id });
      throw error;
    }
  }
  return byId;
}

/** The unit co-builds with a community inside the actor's `org.read` region scope. */
async function linkedWithinScope(ctx: Ctx, unitId: string): Promise<boolean> {
  const paths = regionScopes(ctx.actor, 'org.read');
  if (paths.length === 0) return false;
  const link = await ctx.db
    .selectFrom('unitCommunities as uc')
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'uc.tenantId').onRef('c.id', '=', 'uc.communityId'))
    .select('uc.communityId')
    .where('uc.tenantId', '=', ctx.tenantId)
    .where('uc.unitId', '=', unitId)
    .where((eb) => eb.or(paths.map((p) => eb('c.path', 'like', `${p}%`))))
    .executeTakeFirst();
  return !!link;
}

/** Where an organisation sits for `authorize`: its own subtree (org grants) and its region (region grants). */
export const orgTarget = (org: { path: string; regionPath: string }): ScopeTarget => ({ orgPath: org.path, regionPath: org.regionPath });
