import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { ROLES } from '../../platform/policy.js';
import type { MeView } from './auth.schemas.js';

/** The caller's own profile, roles (with the names of their scopes) and units. */
export async function getMe({ ctx }: { ctx: Ctx }): Promise<MeView> {
  const actor = requireActor(ctx);
  return getProfile({ ctx, input: { userId: actor.userId } });
}

export async function getProfile({ ctx, input }: { ctx: Ctx; input: { userId: string } }): Promise<MeView> {
  const { db, tenantId } = ctx;
  const user = await db
    .selectFrom('users as u')
    .leftJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'u.tenantId').onRef('r.id', '=', 'u.regionId'))
    .select(['u.id', 'u.name', 'u.phone', 'u.regionId', 'r.name as regionName', 'u.isPartyMember', 'u.locale'])
    .where('u.tenantId', '=', tenantId)
    .where('u.id', '=', input.userId)
    .executeTakeFirst();
  if (!user) throw notFound('用户');
  const [grants, units] = await Promise.all([
    db
      .selectFrom('roleGrants as g')
      .leftJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'g.tenantId').onRef('r.id', '=', 'g.regionId'))
      .leftJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'g.tenantId').onRef('o.id', '=', 'g.orgId'))
      .select(['g.id', 'g.role', 'g.regionId', 'g.orgId', 'r.name as regionName', 'o.name as orgName'])
      .where('g.tenantId', '=', tenantId)
      .where('g.userId', '=', input.userId)
      .where('g.revokedAt', 'is', null)
      .orderBy('g.createdAt')
      .execute(),
    db
      .selectFrom('userUnits as uu')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
      .select(['o.id', 'o.name', 'uu.position'])
      .where('uu.tenantId', '=', tenantId)
      .where('uu.userId', '=', input.userId)
      .execute(),
  ]);
  return {
    ...user,
    roles: grants.map((g) => ({
      id: g.id,
      role: g.role,
      roleName: ROLES[g.role as keyof typeof ROLES]?.zh ?? g.role,
      regionId: g.regionId,
      orgId: g.orgId,
      scopeName: g.regionName ?? g.orgName ?? '',
    })),
    units,
  };
}
