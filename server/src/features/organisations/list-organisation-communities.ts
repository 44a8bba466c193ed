import type { Ctx } from '../../platform/context.js';
import { findVisibleOrganisation } from './organisations.queries.js';

/** The communities a unit co-builds with, is stationed in or is linked to (共驻共建), by community code. */
export async function listOrganisationCommunities({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const org = await findVisibleOrganisation(ctx, input.id);
  return ctx.db
    .selectFrom('unitCommunities as uc')
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'uc.tenantId').onRef('c.id', '=', 'uc.communityId'))
    .select(['uc.communityId', 'c.name as communityName', 'c.code as communityCode', 'uc.relation', 'uc.since', 'uc.createdAt'])
    .where('uc.tenantId', '=', ctx.tenantId)
    .where('uc.unitId', '=', org.id)
    .orderBy('c.code')
    .execute();
}
