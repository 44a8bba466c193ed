import type { Ctx } from '../../platform/context.js';
import { metricsScope, sumCountersBy } from './case-metrics.queries.js';
import { loadCaseSettings } from './ensure-case-setup.js';
import { computeMetrics } from './metric-definitions.js';

/**
 * Monthly rankings of departments (by lead department) or communities (by the community the case lies in) within
 * the reader's scope, by composite score, then on-time closure, then cases closed. Units with fewer scored cases
 * than the tenant's minimum sample are listed unranked (rank null): one fast case should not top a league.
 */
export async function getCaseRankings({ ctx, input }: { ctx: Ctx; input: { period: string; by: 'department' | 'community' } }) {
  const scope = await metricsScope(ctx, { from: input.period, to: input.period });
  const settings = await loadCaseSettings(ctx);
  const rows = await sumCountersBy(ctx, scope, input.by);
  const ids = rows.map((r) => r.unitId);
  const names = ids.length
    ? input.by === 'department'
      ? await ctx.db.selectFrom('organisations').select(['id', 'name']).where('tenantId', '=', ctx.tenantId).where('id', 'in', ids).execute()
      : await ctx.db.selectFrom('regions').select(['id', 'name']).where('tenantId', '=', ctx.tenantId).where('id', 'in', ids).execute()
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const items = rows.map(({ unitId, sums }) => ({ id: unitId, name: nameOf.get(unitId) ?? '', counts: sums, ...computeMetrics(sums, settings), rank: null as number | null }));
  const score = (x: (typeof items)[number]) => [x.compositeScore ?? -1, x.rates.onTimeClosureRate ?? -1, x.counts.closed];
  items.sort((a, b) => {
    const [sa, sb] = [score(a), score(b)];
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sb[i]! - sa[i]!;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
  let rank = 0;
  for (const item of items) if (item.counts.scored >= settings.minRankingSample && item.counts.scored > 0) item.rank = ++rank;
  items.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  return { period: input.period, by: input.by, weights: settings.weights, minSample: settings.minRankingSample, items };
}
