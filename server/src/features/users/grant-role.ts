import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorizeOrHide, ROLES, type Role } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findOrganisation } from '../organisations/create-organisation.js';

export interface GrantRoleInput {
  userId: string;
  role: Role;
  regionId?: string;
  orgId?: string;
}

/** Grants a role over a region or organisation subtree; the actor must administer that subtree. */
export async function grantRole({ ctx, input }: { ctx: Ctx; input: GrantRoleInput }) {
  const kind = ROLES[input.role]?.scope;
  if (!kind) throw invalid('未知角色', 'Unknown role');
  if ((kind === 'region') !== !!input.regionId || (kind === 'org') !== !!input.orgId) {
    throw invalid(kind === 'region' ? '该角色须指定区域' : '该角色须指定组织', kind === 'region' ? 'This role is granted over a region' : 'This role is granted over an organisation');
  }
  return withTransaction(ctx, async (tx) => {
    const user = await tx.db.selectFrom('users').select(['id', 'regionId']).where('tenantId', '=', tx.tenantId).where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw notFound('用户');
    const region = input.regionId ? await findRegion(tx.db, tx.tenantId, input.regionId) : undefined;
    const org = input.orgId ? await findOrganisation(tx, input.orgId) : undefined;
    const orgRegion = org ? await findRegion(tx.db, tx.tenantId, org.regionId) : undefined;
    authorizeOrHide(tx.actor, 'grant.write', { regionPath: region?.path ?? orgRegion?.path, orgPath: org?.path }, '授权范围');
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
    await audit(tx, { action: 'grant.created', targetType: 'role_grant', targetId: grant.id, regionId: region?.id ?? orgRegion?.id, after: grant });
    return grant;
  });
}

/** Revokes a grant (kept for history); the actor must administer its subtree. */
export async function revokeRole({ ctx, input }: { ctx: Ctx; input: { grantId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const grant = await tx.db.selectFrom('roleGrants').selectAll().where('tenantId', '=', tx.tenantId).where('id', '=', input.grantId).where('revokedAt', 'is', null).executeTakeFirst();
    if (!grant) throw notFound('授权');
    const org = grant.orgId ? await findOrganisation(tx, grant.orgId) : undefined;
    const orgRegion = org ? await findRegion(tx.db, tx.tenantId, org.regionId) : undefined;
    authorizeOrHide(tx.actor, 'grant.write', { regionPath: grant.regionId ? grant.scopePath : orgRegion?.path, orgPath: org?.path }, '授权');
    const after = await tx.db
      .updateTable('roleGrants')
      .set({ revokedAt: tx.now(), revokedBy: tx.actor?.userId ?? null })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', grant.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'grant.revoked', targetType: 'role_grant', targetId: grant.id, regionId: grant.regionId ?? orgRegion?.id, before: grant, after });
    return after;
  });
}
