import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { toShanghaiIso } from '../../platform/calendar/index.js';
import { inMetricsScope, metricsScope, monthWindow, sumCounters, type MetricsFilter } from './case-metrics.queries.js';
import { loadCaseSettings } from './ensure-case-setup.js';
import { computeMetrics } from './metric-definitions.js';

const EXCLUDED_LISTED = 100;

/**
 * The case metrics over a scope and a range of months of receipt, from the maintained summary (case_stats; from the
 * cases themselves for scopes below a subdistrict): counter
 * sums, every rate of metric-definitions.ts, the composite score with the tenant's weights, and the excluded cases
 * (upheld appeals) listed one by one.
 */
export async function getCaseMetrics({ ctx, input }: { ctx: Ctx; input: MetricsFilter }) {
  const scope = await metricsScope(ctx, input);
  const settings = await loadCaseSettings(ctx);
  const counts = await sumCounters(ctx, scope);
  const window = monthWindow(scope);
  const excluded = await ctx.db
    .selectFrom('cases as c')
    .innerJoin('caseCategories as k', (j) => j.onRef('k.tenantId', '=', 'c.tenantId').onRef('k.id', '=', 'c.categoryId'))
    .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'c.tenantId').onRef('r.id', '=', 'c.regionId'))
    .leftJoin('organisations as d', (j) => j.onRef('d.tenantId', '=', 'c.tenantId').onRef('d.id', '=', 'c.leadDepartmentId'))
    .select(['c.id', 'c.description', 'k.name as categoryName', 'r.name as regionName', 'd.name as departmentName', 'c.createdAt'])
    .select((eb) =>
      eb
        .selectFrom('caseEvents as e')
        .select(sql<string>`e.data ->> 'reason'`.as('reason'))
        .whereRef('e.tenantId', '=', 'c.tenantId')
        .whereRef('e.caseId', '=', 'c.id')
        .where('e.action', '=', 'uphold_appeal')
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('reason'),
    )
    .where('c.tenantId', '=', ctx.tenantId)
    .where('c.excluded', '=', true)
    .$if(!!window.from, (q) => q.where('c.createdAt', '>=', window.from!))
    .$if(!!window.to, (q) => q.where('c.createdAt', '<', window.to!))
    .where(inMetricsScope(ctx, scope, { region: 'c.regionId', department: 'c.leadDepartmentId', category: 'c.categoryId' }))
    .orderBy('c.id', 'desc')
    .limit(EXCLUDED_LISTED)
    .execute();
  return {
    from: scope.from ?? null,
    to: scope.to ?? null,
    weights: settings.weights,
    satisfactionAlpha: settings.satisfactionAlpha,
    counts,
    ...computeMetrics(counts, settings),
    excluded: { count: counts.excluded, items: excluded.map((e) => ({ ...e, description: e.description.slice(0, 100), reason: e.reason ?? null, createdAt: toShanghaiIso(e.createdAt) })) },
  };
}
