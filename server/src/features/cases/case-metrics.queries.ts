import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CaseCounters, DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { can, regionScopes } from '../../platform/policy.js';
import { shanghaiDate } from '../../platform/calendar/index.js';
import { findRegion, idsOfPath } from '../regions/regions.queries.js';
import { findCategory, findDepartment } from '../case-catalog/case-catalog.queries.js';
import { COUNTER_NAMES, emptySums, type Sums } from './metric-definitions.js';

export interface MetricsFilter {
  regionId?: string;
  departmentId?: string;
  categoryId?: string;
  /** Months of receipt, 'YYYY-MM', inclusive. */
  from?: string;
  to?: string;
}

export interface MetricsScope {
  /** Region subtrees counted over; null = every region (a department handler reading their department). */
  regionPaths: string[] | null;
  department?: { id: string; path: string };
  categoryId?: string;
  from?: string;
  to?: string;
}

const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Who may read which figures: `stats.read` over the region (default: all of the actor's `stats.read` regions);
 * a department handler may read their own department's figures everywhere. Out of scope: 404 for a named region.
 */
export async function metricsScope(ctx: Ctx, input: MetricsFilter): Promise<MetricsScope> {
  const actor = requireActor(ctx);
  if (input.from && input.to && input.from > input.to) throw invalid('起始月份不能晚于结束月份', 'from is after to');
  const department = input.departmentId ? await findDepartment(ctx.db, ctx.tenantId, input.departmentId) : undefined;
  if (input.categoryId) await findCategory(ctx.db, ctx.tenantId, input.categoryId);
  const ownDepartment = !!department && can(actor, 'case.handle', { orgPath: department.path });
  let regionPaths: string[] | null;
  if (input.regionId) {
    const region = await findRegion(ctx.db, ctx.tenantId, input.regionId);
    if (!can(actor, 'stats.read', { regionPath: region.path }) && !ownDepartment) throw notFound('区域');
    regionPaths = [region.path];
  } else {
    const paths = regionScopes(actor, 'stats.read');
    if (paths.length) regionPaths = paths;
    else if (ownDepartment) regionPaths = null;
    else throw new DomainError('FORBIDDEN');
  }
  return { regionPaths, department: department && { id: department.id, path: department.path }, categoryId: input.categoryId, from: input.from, to: input.to };
}

/** The condition "in scope" over a table's region, department and category columns (the scope.ts style). */
export function inMetricsScope(ctx: Ctx, scope: Pick<MetricsScope, 'regionPaths' | 'department' | 'categoryId'>, cols: { region: string; department?: string; category?: string }) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (scope.regionPaths) {
      const paths = scope.regionPaths;
      parts.push(eb(eb.ref(cols.region), 'in', eb.selectFrom('regions as ms_r').select('ms_r.id').where('ms_r.tenantId', '=', ctx.tenantId).where((e) => e.or(paths.map((p) => e('ms_r.path', 'like', `${p}%`))))));
    }
    if (scope.department && cols.department) {
      parts.push(eb(eb.ref(cols.department), 'in', eb.selectFrom('organisations as ms_o').select('ms_o.id').where('ms_o.tenantId', '=', ctx.tenantId).where('ms_o.path', 'like', `${scope.department.path}%`)));
    }
    if (scope.categoryId && cols.category) {
      const id = scope.categoryId;
      parts.push(eb(eb.ref(cols.category), 'in', eb.selectFrom('caseCategories as ms_k').select('ms_k.id').where('ms_k.tenantId', '=', ctx.tenantId).where((e) => e.or([e('ms_k.id', '=', id), e('ms_k.parentId', '=', id)]))));
    }
    return parts.length ? eb.and(parts) : sql<SqlBool>`true`;
  };
}

const ABOVE_SUBDISTRICT = ['prefecture', 'city', 'subdistrict'];
const ABOVE_COMMUNITY = [...ABOVE_SUBDISTRICT, 'community'];

/**
 * The deepest kind of the scope's regions decides which summary can answer: case_stats is keyed by subdistrict,
 * case_stats_area by community. Deeper scopes (a grid worker's, a compound's) are counted from their few cases.
 */
async function scopeKinds(ctx: Ctx, regionPaths: string[] | null): Promise<string[] | 'all'> {
  if (!regionPaths) return 'all';
  const ids = regionPaths.map((p) => idsOfPath(p).pop()).filter((id): id is string => !!id);
  if (ids.length < regionPaths.length) return 'all'; // '/' (the system actor): everything
  return (await ctx.db.selectFrom('regions').select('kind').where('tenantId', '=', ctx.tenantId).where('id', 'in', ids).execute()).map((r) => r.kind);
}
const within = (kinds: string[] | 'all', allowed: string[]) => kinds === 'all' || kinds.every((k) => allowed.includes(k));

const sumOf = (alias: string) => COUNTER_NAMES.map((c) => sql<number>`coalesce(sum(${sql.ref(`${alias}.${c}`)}), 0)`.as(c));

export function toSums(row: Record<string, unknown> | undefined): Sums {
  const sums = emptySums();
  if (row) for (const c of COUNTER_NAMES) sums[c] = Number(row[c] ?? 0);
  return sums;
}

/** An instant window over receipt time, from whole months or given exactly. */
export interface Window {
  from?: Date;
  to?: Date;
}
export const monthWindow = (scope: Pick<MetricsScope, 'from' | 'to'>): Window => ({ from: scope.from ? monthStart(scope.from) : undefined, to: scope.to ? monthStart(nextMonth(scope.to)) : undefined });

/** Summary rows (case_stats or case_stats_area) in scope and months. */
function fromSummary(ctx: Ctx, scope: MetricsScope) {
  return ctx.db
    .selectFrom('caseStats as s')
    .where('s.tenantId', '=', ctx.tenantId)
    .$if(!!scope.from, (q) => q.where('s.month', '>=', scope.from!))
    .$if(!!scope.to, (q) => q.where('s.month', '<=', scope.to!))
    .where(inMetricsScope(ctx, scope, { region: 's.regionId', department: 's.departmentId', category: 's.categoryId' }));
}
function fromAreas(ctx: Ctx, scope: MetricsScope, onlyCommunities = false) {
  return ctx.db
    .selectFrom('caseStatsArea as s')
    .where('s.tenantId', '=', ctx.tenantId)
    .$if(!!scope.from, (q) => q.where('s.month', '>=', scope.from!))
    .$if(!!scope.to, (q) => q.where('s.month', '<=', scope.to!))
    .where(inMetricsScope(ctx, scope, { region: 's.areaId' }))
    .$if(onlyCommunities, (q) => q.where('s.areaId', 'in', (eb) => eb.selectFrom('regions').select('id').where('tenantId', '=', ctx.tenantId).where('kind', '=', 'community')));
}

/** Cases in scope and window, each beside its contribution case_metrics(c). */
function fromCases(ctx: Ctx, scope: MetricsScope, window: Window) {
  return ctx.db
    .selectFrom(['cases as c', sql<CaseCounters>`case_metrics(c)`.as('m')])
    .where('c.tenantId', '=', ctx.tenantId)
    .$if(!!window.from, (q) => q.where('c.createdAt', '>=', window.from!))
    .$if(!!window.to, (q) => q.where('c.createdAt', '<', window.to!))
    .where(inMetricsScope(ctx, scope, { region: 'c.regionId', department: 'c.leadDepartmentId', category: 'c.categoryId' }));
}

/**
 * Counter sums over the scope. Whole months are read from a summary: by area when there is no department or
 * category filter (down to a community), else by subdistrict × department × category (down to a subdistrict);
 * anything else (an exact window, a deeper scope) is counted from the cases with the same SQL definition.
 */
export async function sumCounters(ctx: Ctx, scope: MetricsScope, window?: Window): Promise<Sums> {
  const kinds = window ? [] : await scopeKinds(ctx, scope.regionPaths);
  if (!window && !scope.department && !scope.categoryId && within(kinds, ABOVE_COMMUNITY)) return toSums(await fromAreas(ctx, scope).select(sumOf('s')).executeTakeFirst());
  if (!window && within(kinds, ABOVE_SUBDISTRICT)) return toSums(await fromSummary(ctx, scope).select(sumOf('s')).executeTakeFirst());
  return toSums(await fromCases(ctx, scope, window ?? monthWindow(scope)).select(sumOf('m')).executeTakeFirst());
}

/** Counter sums per lead department or per community (rankings), from the summary that serves, else from the cases. */
export async function sumCountersBy(ctx: Ctx, scope: MetricsScope, by: 'department' | 'community'): Promise<Array<{ unitId: string; sums: Sums }>> {
  const kinds = await scopeKinds(ctx, scope.regionPaths);
  let rows: Array<Record<string, unknown>>;
  if (by === 'community' && !scope.department && !scope.categoryId && within(kinds, ABOVE_COMMUNITY)) {
    rows = await fromAreas(ctx, scope, true).select('s.areaId as unitId').select(sumOf('s')).groupBy('s.areaId').execute();
  } else if (by === 'department' && within(kinds, ABOVE_SUBDISTRICT)) {
    rows = await fromSummary(ctx, scope).select('s.departmentId as unitId').select(sumOf('s')).where('s.departmentId', '!=', NIL).groupBy('s.departmentId').execute();
  } else {
    const key = by === 'department' ? 'c.leadDepartmentId' : 'c.communityId';
    rows = await fromCases(ctx, scope, monthWindow(scope)).select(`${key} as unitId`).select(sumOf('m')).where(key, 'is not', null).groupBy(key).execute();
  }
  return rows.map((r) => ({ unitId: r.unitId as string, sums: toSums(r) }));
}

/** The instant a month ('YYYY-MM') starts in Asia/Shanghai. */
export const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);
export const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
export const monthOf = (at: Date) => shanghaiDate(at).slice(0, 7);
