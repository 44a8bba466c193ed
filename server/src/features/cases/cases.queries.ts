import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CaseLimitsJson, DB, RegionKind } from '../../db/schema.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import { orgScopes } from '../../platform/policy.js';
import { orgInScope, regionInScope } from '../../platform/scope.js';
import type { CaseTypeDef } from './case-type.js';
import { canSeeCase, standingOf, type Standing } from './standing.js';

// Type versions never change (a trigger refuses updates), so a loaded version can be kept for the process's life.
const typeCache = new Map<string, CaseTypeDef>();

export async function caseTypeVersion(db: Database, tenantId: string, code: string, version: number): Promise<CaseTypeDef> {
  const key = `${tenantId}:${code}:${version}`;
  const hit = typeCache.get(key);
  if (hit) return hit;
  const row = await db.selectFrom('caseTypes').selectAll().where('tenantId', '=', tenantId).where('code', '=', code).where('version', '=', version).executeTakeFirst();
  if (!row) throw notFound('工单类型');
  const type: CaseTypeDef = { code, version, name: row.name, states: row.states as CaseTypeDef['states'], transitions: row.transitions as CaseTypeDef['transitions'], intake: row.intake as CaseTypeDef['intake'] };
  typeCache.set(key, type);
  return type;
}

// The newest version per type, kept briefly: adding a version in this process drops the entry at once; another
// server's new version is used for new cases within LATEST_TTL_MS.
const LATEST_TTL_MS = 30_000;
const latest = new Map<string, { at: number; version: number }>();
export const forgetLatestCaseType = (tenantId: string, code: string) => latest.delete(`${tenantId}:${code}`);

/** The newest version of a type (what new cases are created with). */
export async function latestCaseType(db: Database, tenantId: string, code: string): Promise<CaseTypeDef> {
  const key = `${tenantId}:${code}`;
  const hit = latest.get(key);
  if (hit && Date.now() - hit.at < LATEST_TTL_MS) return caseTypeVersion(db, tenantId, code, hit.version);
  const row = await db.selectFrom('caseTypes').select('version').where('tenantId', '=', tenantId).where('code', '=', code).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) throw invalid(`没有工单类型 ${code}`, `Unknown case type ${code}`);
  latest.set(key, { at: Date.now(), version: row.version });
  return caseTypeVersion(db, tenantId, code, row.version);
}

export interface LoadedCase {
  /** The case with the names and paths it is shown and judged with. */
  row: CaseViewRow;
  type: CaseTypeDef;
  region: { id: string; path: string; name: string };
  category: { id: string; path: string; name: string; limits: CaseLimitsJson };
  leadDepartment: { id: string; path: string; name: string } | null;
  responsibleRegion: { id: string; path: string; name: string } | null;
  coHandlers: Array<{ id: string; path: string; name: string }>;
  standing: Standing;
}

/**
 * A case the actor may see, with what the engine needs to judge a transition (two queries); NOT_FOUND otherwise
 * (existence is not revealed). `lock` takes the case row's lock (FOR UPDATE OF c) so transitions on one case queue.
 * `justActed`: the actor has just taken a transition that may have moved the case out of their view (a department
 * returning it); they still get its state back once.
 */
export async function loadCase(ctx: Ctx, id: string, options: { lock?: boolean; justActed?: boolean } = {}): Promise<LoadedCase> {
  const actor = requireActor(ctx);
  const row = await selectCaseViews(ctx.db, ctx.tenantId)
    .where('c.id', '=', id)
    .$if(!!options.lock, (q) => q.forUpdate('c'))
    .executeTakeFirst();
  if (!row) throw notFound('工单');
  const [coHandlers, type] = await Promise.all([
    ctx.db
      .selectFrom('caseCoHandlers as h')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'h.tenantId').onRef('o.id', '=', 'h.departmentId'))
      .select(['o.id', 'o.path', 'o.name'])
      .where('h.tenantId', '=', ctx.tenantId)
      .where('h.caseId', '=', id)
      .orderBy('h.addedAt')
      .execute(),
    caseTypeVersion(ctx.db, ctx.tenantId, row.typeCode, row.typeVersion),
  ]);
  return withStanding(actor, { row, type, coHandlers, ...placesOf(row) }, options.justActed);
}

/** The region, category, lead department and subdistrict of a loaded row. */
export const placesOf = (row: CaseViewRow) => ({
  region: { id: row.regionId, path: row.regionPath, name: row.regionName },
  category: { id: row.categoryId, path: row.categoryPath, name: row.categoryName, limits: { ...(row.classLimits ?? {}), ...row.categoryLimits } },
  leadDepartment: row.leadDepartmentId ? { id: row.leadDepartmentId, path: row.leadDepartmentPath!, name: row.leadDepartmentName! } : null,
  responsibleRegion: row.responsibleRegionId ? { id: row.responsibleRegionId, path: row.responsibleRegionPath!, name: row.responsibleRegionName! } : null,
});

/** Judges the actor's standing on a case; NOT_FOUND when they may not see it. */
export function withStanding(actor: Actor, c: Omit<LoadedCase, 'standing'>, justActed = false): LoadedCase {
  const standing = standingOf(actor, {
    regionPath: c.region.path,
    reporterId: c.row.reporterId,
    leadDepartmentPath: c.leadDepartment?.path ?? null,
    responsibleRegionPath: c.responsibleRegion?.path ?? null,
    coHandlerPaths: c.coHandlers.map((h) => h.path),
  });
  if (!canSeeCase(standing) && !justActed) throw notFound('工单');
  return { ...c, standing };
}

/**
 * The cases the actor may see, as one condition for lists: their own reports, cases in their `case.read` regions,
 * and cases led or co-handled by departments in their `case.handle` subtrees.
 */
export function caseVisible(ctx: Ctx, alias = 'c') {
  const actor = requireActor(ctx);
  const ref = (column: string) => `${alias}.${column}`;
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [eb(eb.ref(ref('reporterId')), '=', actor.userId), regionInScope(ctx.tenantId, actor, 'case.read', ref('regionId'))(eb)];
    if (orgScopes(actor, 'case.handle').length) {
      parts.push(orgInScope(ctx.tenantId, actor, 'case.handle', ref('leadDepartmentId'))(eb));
      parts.push(
        eb(
          eb.ref(ref('id')),
          'in',
          eb.selectFrom('caseCoHandlers as vis_h').select('vis_h.caseId').where('vis_h.tenantId', '=', ctx.tenantId).where(orgInScope(ctx.tenantId, actor, 'case.handle', 'vis_h.departmentId')),
        ),
      );
    }
    return eb.or(parts);
  };
}

/** Cases with the names they are shown with and the paths and limits they are judged with. */
export function selectCaseViews(db: Database, tenantId: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('caseCategories as k', (j) => j.onRef('k.tenantId', '=', 'c.tenantId').onRef('k.id', '=', 'c.categoryId'))
    .leftJoin('caseCategories as kp', (j) => j.onRef('kp.tenantId', '=', 'k.tenantId').onRef('kp.id', '=', 'k.parentId'))
    .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'c.tenantId').onRef('r.id', '=', 'c.regionId'))
    .leftJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'c.tenantId').onRef('u.id', '=', 'c.reporterId'))
    .leftJoin('organisations as d', (j) => j.onRef('d.tenantId', '=', 'c.tenantId').onRef('d.id', '=', 'c.leadDepartmentId'))
    .leftJoin('regions as rr', (j) => j.onRef('rr.tenantId', '=', 'c.tenantId').onRef('rr.id', '=', 'c.responsibleRegionId'))
    .leftJoin('regions as er', (j) => j.onRef('er.tenantId', '=', 'c.tenantId').onRef('er.id', '=', 'c.escalatedRegionId'))
    .selectAll('c')
    .select([
      'k.name as categoryName',
      'k.code as categoryCode',
      'k.path as categoryPath',
      'k.limits as categoryLimits',
      'kp.limits as classLimits',
      'r.name as regionName',
      'r.path as regionPath',
      'u.name as reporterName',
      'd.name as leadDepartmentName',
      'd.path as leadDepartmentPath',
      'rr.name as responsibleRegionName',
      'rr.path as responsibleRegionPath',
      'er.name as escalatedRegionName',
    ])
    .where('c.tenantId', '=', tenantId);
}

export type CaseViewRow = Awaited<ReturnType<ReturnType<typeof selectCaseViews>['execute']>>[number];

/** A region's ancestors-or-self with their kinds, root first (one query by the region's id; empty when unknown). */
export async function regionChain(db: Database, tenantId: string, regionId: string) {
  return db
    .selectFrom('regions as r')
    .innerJoin('regions as a', (j) => j.onRef('a.tenantId', '=', 'r.tenantId').on(sql<boolean>`a.id = any(string_to_array(trim(both '/' from r.path), '/')::uuid[])`))
    .select(['a.id', 'a.kind', 'a.name', 'a.path', 'a.depth'])
    .where('r.tenantId', '=', tenantId)
    .where('r.id', '=', regionId)
    .orderBy('a.depth')
    .execute();
}

/** The region of `kind` on the chain; or, when the chain has none, the deepest region above that kind (never below it). */
export function ancestorOfKind<T extends { kind: RegionKind; depth: number }>(chain: T[], kind: RegionKind): T | undefined {
  const order: RegionKind[] = ['prefecture', 'city', 'subdistrict', 'community', 'grid', 'compound', 'building'];
  const exact = chain.find((r) => r.kind === kind);
  if (exact) return exact;
  return [...chain].reverse().find((r) => order.indexOf(r.kind) < order.indexOf(kind));
}

/** Active people holding one of `roles` by a region grant covering `regionPath` (optionally: granted exactly at `regionId`). */
export async function regionRoleHolders(db: Database, tenantId: string, roles: string[], place: { regionPath: string; exactRegionId?: string; deepestOnly?: boolean }) {
  const rows = await db
    .selectFrom('roleGrants as g')
    .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'g.tenantId').onRef('u.id', '=', 'g.userId'))
    .select(['g.userId', 'g.scopePath'])
    .where('g.tenantId', '=', tenantId)
    .where('g.role', 'in', roles)
    .where('g.revokedAt', 'is', null)
    .where('u.status', '=', 'active')
    .where('g.regionId', 'is not', null)
    .$if(!!place.exactRegionId, (q) => q.where('g.regionId', '=', place.exactRegionId!))
    .where(sql<boolean>`${place.regionPath} like g.scope_path || '%'`)
    .execute();
  const deepest = Math.max(0, ...rows.map((r) => r.scopePath.length));
  return [...new Set(rows.filter((r) => !place.deepestOnly || r.scopePath.length === deepest).map((r) => r.userId))];
}

/** Active department handlers whose grant covers the department (a grant on a parent department covers its children). */
export async function departmentHandlers(db: Database, tenantId: string, departmentPath: string) {
  const rows = await db
    .selectFrom('roleGrants as g')
    .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'g.tenantId').onRef('u.id', '=', 'g.userId'))
    .select('g.userId')
    .distinct()
    .where('g.tenantId', '=', tenantId)
    .where('g.role', '=', 'department_handler')
    .where('g.revokedAt', 'is', null)
    .where('u.status', '=', 'active')
    .where('g.orgId', 'is not', null)
    .where(sql<boolean>`${departmentPath} like g.scope_path || '%'`)
    .execute();
  return rows.map((r) => r.userId);
}
