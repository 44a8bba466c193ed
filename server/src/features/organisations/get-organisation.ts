import type { Ctx } from '../../platform/context.js';
import { findVisibleOrganisation } from './organisations.queries.js';

/** One organisation the actor may read, with the number of its members, co-building communities and child organisations. */
export async function getOrganisation({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const org = await findVisibleOrganisation(ctx, input.id);
  const counts = await ctx.db
    .selectNoFrom((eb) => [
      eb.selectFrom('userUnits').select((e) => e.fn.countAll<number>().as('n')).where('tenantId', '=', ctx.tenantId).where('unitId', '=', org.id).as('memberCount'),
      eb.selectFrom('unitCommunities').select((e) => e.fn.countAll<number>().as('n')).where('tenantId', '=', ctx.tenantId).where('unitId', '=', org.id).as('communityCount'),
      eb.selectFrom('organisations').select((e) => e.fn.countAll<number>().as('n')).where('tenantId', '=', ctx.tenantId).where('parentId', '=', org.id).as('childCount'),
    ])
    .executeTakeFirstOrThrow();
  return { ...org, memberCount: Number(counts.memberCount), communityCount: Number(counts.communityCount), childCount: Number(counts.childCount) };
}
