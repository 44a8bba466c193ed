import type { Ctx } from '../../platform/context.js';
import { shanghaiDate } from '../../platform/calendar/shanghai-time.js';
import type { FigureScope } from '../stats/get-overview.js';

/**
 * Overview figure `unitsReportedIn`: distinct units with an agreement in force (active, last day not passed) with a
 * community in scope. A current figure: the overview's from/to window does not apply to it.
 */
export async function coBuildingFigures(ctx: Ctx, scope: FigureScope): Promise<Record<string, number>> {
  const row = await ctx.db
    .selectFrom('coBuildAgreements as a')
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'a.tenantId').onRef('c.id', '=', 'a.communityId'))
    .select((eb) => eb.fn.count<number>('a.unitId').distinct().as('n'))
    .where('a.tenantId', '=', scope.tenantId)
    .where('a.status', '=', 'active')
    .where('a.endsOn', '>=', shanghaiDate(ctx.now()))
    .where((eb) => eb.or(scope.regionPaths.map((p) => eb('c.path', 'like', `${p}%`))))
    .executeTakeFirstOrThrow();
  return { unitsReportedIn: Number(row.n) };
}
