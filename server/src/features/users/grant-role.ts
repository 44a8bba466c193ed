import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, ROLES, type Role } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findVisibleOrganisation } from '../organisations/organisations.queries.js';
import { findVisibleUser } from './users.queries.js';

export interface GrantRoleInput {
  userId: string;
  role: Role;
  regionId?: string;
  orgId?: string;
}

/**
 * Grants a role over a region or organisation subtree to a person the actor can see. The actor needs
 * `grant.write` over that whole subtree: nobody grants beside or above their own scope.
 */
export async function grantRole({ ctx, input }: { ctx: Ctx; input: GrantRoleInput }) {
  const kind = ROLES[input.role]?.scope;
  if (!kind) throw invalid('未知角色', 'Unknown role');
  if ((kind === 'region') !== !!input.regionId || (kind === 'org') !== !!input.orgId) {
    throw invalid(kind === 'region' ? '该角色须指定区域' : '该角色须指定组织', kind === 'region' ? 'This role is granted over a region' : 'This role is granted over an organisation');
  }
  authorize(ctx.actor, 'grant.write');
  return withTransaction(ctx, async (tx) => {
    const { user } = await findVisibleUser(tx, input.userId);
    const region = input.regionId ? await findRegion(tx.db, tx.tenantId, input.regionId) : undefined;
    const org = input.orgId ? await findVisibleOrganisation(tx, input.orgId) : undefined;
    authorize(tx.actor, 'grant.write', region ? { regionPath: region.path } : { regionPath: org!.regionPath, orgPath: org!.path });
    const existing = await tx.db
      .selectFrom('roleGrants')
      .select('id')
      .where('tenantId', '=', tx.tenantId)
      .where('userId', '=', user.id)
      .where('role', '=', input.role)
      .where((eb) => (region ? eb('regionId', '=', region.id) : eb('orgId', '=', org!.id)))
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (existing) throw conflict('该用户已有此授权', 'The user already holds this grant');
    const grant = await tx.db
      .insertInto('roleGrants')
      .values({ tenantId: tx.tenantId, id: newId(), userId: user.id, role: input.role, regionId: region?.id ?? null, orgId: org?.id ?? null, scopePath: (region ?? org)!.path, grantedBy: tx.actor?.userId ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'grant.created', targetType: 'role_grant', targetId: grant.id, regionId: region?.id ?? org!.regionId, after: grant });
    return grant;
  });
}
