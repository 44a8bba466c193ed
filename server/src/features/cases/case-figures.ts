import type { Ctx } from '../../platform/context.js';
import type { FigureScope } from '../stats/get-overview.js';
import { monthOf, monthStart, sumCounters } from './case-metrics.queries.js';

const isMonthStart = (d: Date) => +monthStart(monthOf(d)) === +d;

/**
 * Overview figures (PRODUCT §5), by the metric definitions: casesReceived (every case received), casesClosed (scored
 * cases closed: resolved, unable or not responsible) and resolutionRate (resolved ÷ closed, 0 when none). From the
 * summary when the window is whole months (or absent) and the scope is subdistricts or above; else from the cases.
 */
export async function caseFigures(ctx: Ctx, scope: FigureScope): Promise<Record<string, number>> {
  const wholeMonths = (!scope.from || isMonthStart(scope.from)) && (!scope.to || isMonthStart(scope.to));
  const months = wholeMonths ? { from: scope.from && monthOf(scope.from), to: scope.to && monthOf(new Date(+scope.to - 1)) } : {};
  const emptyRange = wholeMonths && !!scope.from && !!scope.to && +scope.to <= +scope.from;
  const sums = await sumCounters(ctx, { regionPaths: scope.regionPaths, ...months }, wholeMonths && !emptyRange ? undefined : { from: scope.from, to: scope.to });
  return { casesReceived: sums.received, casesClosed: sums.closed, resolutionRate: sums.closed > 0 ? Math.round((sums.resolved / sums.closed) * 10_000) / 10_000 : 0 };
}
