import type { Ctx } from '../../platform/context.js';
import type { FigureScope } from '../stats/get-overview.js';

/**
 * Overview figure `membersReportedIn`: active member report-ins (one per person, by the partial unique index) to
 * communities in scope. A current figure: the overview's from/to window does not apply to it.
 */
export async function reportInFigures(ctx: Ctx, scope: FigureScope): Promise<Record<string, number>> {
  const row = await ctx.db
    .selectFrom('reportIns as ri')
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'ri.tenantId').onRef('c.id', '=', 'ri.communityId'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ri.tenantId', '=', scope.tenantId)
    .where('ri.status', '=', 'active')
    .where((eb) => eb.or(scope.regionPaths.map((p) => eb('c.path', 'like', `${p}%`))))
    .executeTakeFirstOrThrow();
  return { membersReportedIn: Number(row.n) };
}
