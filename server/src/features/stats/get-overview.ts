import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { authorizeOrHide, regionScopes } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import type { OverviewQuery } from './stats.schemas.js';
import { serviceFigures } from '../service-items/service-figures.js';
import { reportInFigures } from '../report-ins/report-in-figures.js';
import { coBuildingFigures } from '../co-building/co-building-figures.js';
import { caseFigures } from '../cases/case-figures.js';

/** The scope a figure is counted over: region subtree paths plus an optional time window. */
export interface FigureScope {
  tenantId: string;
  regionPaths: string[];
  from?: Date;
  to?: Date;
}

export type FigureProvider = (ctx: Ctx, scope: FigureScope) => Promise<Record<string, number>>;

/** `sql` condition: the region id column lies under one of the scope's paths. */
export function regionUnder(scope: FigureScope, regionIdColumn: string) {
  return sql<boolean>`${sql.ref(regionIdColumn)} in (select id from regions where tenant_id = ${scope.tenantId} and (${sql.join(
    scope.regionPaths.map((p) => sql`path like ${`${p}%`}`),
    sql` or `,
  )}))`;
}

/** Each capability's figure provider, in one list; the overview is their union. */
const providers: FigureProvider[] = [
  async (ctx, scope) => {
    const row = await ctx.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenantId', '=', scope.tenantId)
      .where('kind', '=', 'community')
      .where((eb) => eb.or(scope.regionPaths.map((p) => eb('path', 'like', `${p}%`))))
      .executeTakeFirstOrThrow();
    return { communities: Number(row.n) };
  },
  reportInFigures,
  coBuildingFigures,
  caseFigures,
  serviceFigures,
];

export async function getOverview({ ctx, input }: { ctx: Ctx; input: OverviewQuery }) {
  const actor = requireActor(ctx);
  let regionPaths: string[];
  if (input.regionId) {
    const region = await findRegion(ctx.db, ctx.tenantId, input.regionId);
    authorizeOrHide(actor, 'stats.read', { regionPath: region.path }, '区域');
    regionPaths = [region.path];
  } else {
    regionPaths = regionScopes(actor, 'stats.read');
    if (regionPaths.length === 0) throw new DomainError('FORBIDDEN');
  }
  const scope: FigureScope = {
    tenantId: ctx.tenantId,
    regionPaths,
    from: input.from ? new Date(input.from) : undefined,
    to: input.to ? new Date(input.to) : undefined,
  };
  const parts = await Promise.all(providers.map((p) => p(ctx, scope)));
  const regionIds = regionPaths.map((p) => p.split('/').filter(Boolean).pop()!).filter((id) => id !== '00000000-0000-0000-0000-000000000000');
  return Object.assign({ regionIds }, ...parts) as { regionIds: string[]; communities: number } & Record<string, number>;
}
