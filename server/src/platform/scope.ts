import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './context.js';
import { orgScopes, regionScopes, type Permission } from './policy.js';

/**
 * The one set of query fragments that limit reads to the actor's scope. Every query on tenant data uses
 * `tenantId = ctx.tenantId` plus one of these; none is written by hand in a feature.
 */
const FALSE = sql<SqlBool>`false`;

const likeAny = (eb: ExpressionBuilder<any, any>, column: string, paths: string[]): Expression<SqlBool> =>
  eb.or(paths.map((p) => eb(eb.ref(column), 'like', `${p}%`)));

/** `regionIdColumn` lies in a region subtree where the actor holds `permission`. */
export function regionInScope(tenantId: string, actor: Actor | null, permission: Permission, regionIdColumn: string) {
  const paths = regionScopes(actor, permission);
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (paths.length === 0) return FALSE;
    return eb(
      eb.ref(regionIdColumn),
      'in',
      eb.selectFrom('regions as scope_r').select('scope_r.id').where('scope_r.tenantId', '=', tenantId).where((e) => likeAny(e, 'scope_r.path', paths)),
    );
  };
}

/**
 * `orgIdColumn` is an organisation in the actor's org subtrees for `permission`, or sits in one of the actor's
 * region subtrees for it (a city admin sees the units of the city).
 */
export function orgInScope(tenantId: string, actor: Actor | null, permission: Permission, orgIdColumn: string) {
  const orgPaths = orgScopes(actor, permission);
  const regionPaths = regionScopes(actor, permission);
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (orgPaths.length === 0 && regionPaths.length === 0) return FALSE;
    return eb(
      eb.ref(orgIdColumn),
      'in',
      eb
        .selectFrom('organisations as scope_o')
        .select('scope_o.id')
        .where('scope_o.tenantId', '=', tenantId)
        .where((e) =>
          e.or([
            ...(orgPaths.length ? [likeAny(e, 'scope_o.path', orgPaths)] : []),
            ...(regionPaths.length ? [regionInScope(tenantId, actor, permission, 'scope_o.regionId')(e)] : []),
          ]),
        ),
    );
  };
}

/**
 * A person is in scope when their home region is, or they belong to an in-scope unit, or are linked to an
 * in-scope community (or they are the actor). Written as one `IN (… UNION …)` so PostgreSQL can hash it:
 * an OR of EXISTS subqueries made counts ~30× slower (bench/scope.ts).
 */
export function userInScope(tenantId: string, actor: Actor | null, permission: Permission, userIdColumn: string, regionIdColumn: string) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const ids = eb
      .selectFrom('users as scope_u')
      .select('scope_u.id')
      .where('scope_u.tenantId', '=', tenantId)
      .where(regionInScope(tenantId, actor, permission, 'scope_u.regionId'))
      .union(eb.selectFrom('userUnits as scope_uu').select('scope_uu.userId as id').where('scope_uu.tenantId', '=', tenantId).where(orgInScope(tenantId, actor, permission, 'scope_uu.unitId')))
      .union(
        eb.selectFrom('userCommunities as scope_uc').select('scope_uc.userId as id').where('scope_uc.tenantId', '=', tenantId).where(regionInScope(tenantId, actor, permission, 'scope_uc.communityId')),
      );
    // The actor's own id joins the union instead of an OR, which would stop the planner pulling the IN up into a join.
    const withSelf = actor ? ids.union(eb.selectFrom('users as self_u').select('self_u.id').where('self_u.tenantId', '=', tenantId).where('self_u.id', '=', actor.userId)) : ids;
    return eb(eb.ref(userIdColumn), 'in', withSelf);
  };
}
