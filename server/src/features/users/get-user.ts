import type { Ctx } from '../../platform/context.js';
import { maskIdCard, maskPhone } from '../../platform/pii.js';
import { canOnUser, findVisibleUser, presentGrant, selectGrants } from './users.queries.js';

/** One person the actor may see: masked phone and ID card (unmasked for oneself), units, communities, active grants. */
export async function getUser({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const { user, targets, self } = await findVisibleUser(ctx, input.id);
  const { db, tenantId } = ctx;
  const [region, units, communities, grants] = await Promise.all([
    user.regionId ? db.selectFrom('regions').select('name').where('tenantId', '=', tenantId).where('id', '=', user.regionId).executeTakeFirst() : undefined,
    db
      .selectFrom('userUnits as uu')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
      .select(['o.id', 'o.name', 'o.kind', 'uu.position'])
      .where('uu.tenantId', '=', tenantId)
      .where('uu.userId', '=', user.id)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('userCommunities as uc')
      .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'uc.tenantId').onRef('c.id', '=', 'uc.communityId'))
      .select(['c.id', 'c.name', 'uc.relation'])
      .where('uc.tenantId', '=', tenantId)
      .where('uc.userId', '=', user.id)
      .orderBy('c.code')
      .execute(),
    selectGrants(db, tenantId).where('g.userId', '=', user.id).where('g.revokedAt', 'is', null).orderBy('g.createdAt').execute(),
  ]);
  const idCard = user.idCardCipher ? ctx.vault.decrypt(user.idCardCipher) : null;
  return {
    id: user.id,
    name: user.name,
    phone: self ? user.phone : maskPhone(user.phone),
    idCard: idCard && (self ? idCard : maskIdCard(idCard)),
    regionId: user.regionId,
    regionName: region?.name ?? null,
    isPartyMember: user.isPartyMember,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    units,
    communities,
    grants: grants.map(presentGrant),
    canEdit: canOnUser(ctx.actor, 'user.write', targets),
    canReadPii: self || canOnUser(ctx.actor, 'user.pii', targets),
  };
}
