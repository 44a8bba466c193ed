import type { Database } from '../../db/database.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { maskIdCard, maskPhone } from '../../platform/pii.js';
import { authorize, authorizeOrHide, can, PERMISSIONS, ROLES, type Permission, type Role, type ScopeTarget } from '../../platform/policy.js';

/**
 * The places a person sits in scopes: home region, units (with their regions) and linked communities.
 * Mirrors scope.ts `userInScope`, for checks on one person with `authorize`.
 */
export async function userTargets(db: Database, tenantId: string, user: { id: string; regionId: string | null }): Promise<ScopeTarget[]> {
  const [home, units, communities] = await Promise.all([
    user.regionId ? db.selectFrom('regions').select('path').where('tenantId', '=', tenantId).where('id', '=', user.regionId).executeTakeFirst() : undefined,
    db
      .selectFrom('userUnits as uu')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
      .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
      .select(['o.path as orgPath', 'r.path as regionPath'])
      .where('uu.tenantId', '=', tenantId)
      .where('uu.userId', '=', user.id)
      .execute(),
    db
      .selectFrom('userCommunities as uc')
      .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'uc.tenantId').onRef('r.id', '=', 'uc.communityId'))
      .select('r.path as regionPath')
      .where('uc.tenantId', '=', tenantId)
      .where('uc.userId', '=', user.id)
      .execute(),
  ]);
  return [...(home ? [{ regionPath: home.path }] : []), ...units, ...communities];
}

/** The first place where the actor holds `permission` over the person (so that `authorize` judges that one). */
export const targetFor = (actor: Actor | null, permission: Permission, targets: ScopeTarget[]): ScopeTarget =>
  targets.find((t) => can(actor, permission, t)) ?? targets[0] ?? {};

export const canOnUser = (actor: Actor | null, permission: Permission, targets: ScopeTarget[]) => targets.some((t) => can(actor, permission, t));

export interface FoundUser {
  user: {
    id: string;
    phone: string;
    name: string;
    regionId: string | null;
    isPartyMember: boolean;
    status: 'active' | 'disabled';
    idCardCipher: string | null;
    createdAt: Date;
    updatedAt: Date;
  };
  targets: ScopeTarget[];
  self: boolean;
}

/** Loads a person the actor may see (`user.read` over one of their places, or themselves); NOT_FOUND otherwise. */
export async function findVisibleUser(ctx: Ctx, id: string): Promise<FoundUser> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'phone', 'name', 'regionId', 'isPartyMember', 'status', 'idCardCipher', 'createdAt', 'updatedAt'])
    .where('tenantId', '=', ctx.tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) throw notFound('用户');
  const targets = await userTargets(ctx.db, ctx.tenantId, user);
  const self = ctx.actor?.userId === user.id;
  if (!self) authorizeOrHide(ctx.actor, 'user.read', targetFor(ctx.actor, 'user.read', targets), '用户');
  return { user, targets, self };
}

/** Loads a person the actor may see and checks `permission` over them: NOT_FOUND out of scope, FORBIDDEN without the right. */
export async function findUserFor(ctx: Ctx, id: string, permission: Permission): Promise<FoundUser> {
  const found = await findVisibleUser(ctx, id);
  authorize(ctx.actor, permission, targetFor(ctx.actor, permission, found.targets));
  return found;
}

/** Roles that carry any permission; member and resident only act on their own records. */
const PRIVILEGED = new Set<Role>(Object.values(PERMISSIONS).flat());

/**
 * Account-security actions (disable, reset password, sign out) on a person who holds a privileged role need the
 * right to grant that role over its scope: a community secretary cannot lock out or take over their admin.
 */
export async function authorizeAccountAction(ctx: Ctx, userId: string) {
  const grants = await selectGrants(ctx.db, ctx.tenantId).where('g.userId', '=', userId).where('g.revokedAt', 'is', null).execute();
  for (const g of grants) {
    if (!PRIVILEGED.has(g.role as Role)) continue;
    const target: ScopeTarget = g.regionId ? { regionPath: g.scopePath } : { orgPath: g.scopePath, regionPath: g.orgRegionPath };
    if (!can(ctx.actor, 'grant.write', target)) {
      throw new DomainError('FORBIDDEN', { 'zh-CN': '该用户持有您无权管理的角色', en: 'The person holds a role you do not administer' });
    }
  }
}

/** Role grants with the names of their scopes and granters. */
export function selectGrants(db: Database, tenantId: string) {
  return db
    .selectFrom('roleGrants as g')
    .leftJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'g.tenantId').onRef('r.id', '=', 'g.regionId'))
    .leftJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'g.tenantId').onRef('o.id', '=', 'g.orgId'))
    .leftJoin('regions as orr', (j) => j.onRef('orr.tenantId', '=', 'o.tenantId').onRef('orr.id', '=', 'o.regionId'))
    .leftJoin('users as gb', (j) => j.onRef('gb.tenantId', '=', 'g.tenantId').onRef('gb.id', '=', 'g.grantedBy'))
    .select([
      'g.id',
      'g.userId',
      'g.role',
      'g.regionId',
      'g.orgId',
      'g.scopePath',
      'o.regionId as orgRegionId',
      'orr.path as orgRegionPath',
      'r.name as regionName',
      'o.name as orgName',
      'g.grantedBy',
      'gb.name as grantedByName',
      'g.createdAt',
      'g.revokedAt',
    ])
    .where('g.tenantId', '=', tenantId);
}

type GrantRow = Awaited<ReturnType<ReturnType<typeof selectGrants>['execute']>>[number];

export function presentGrant(g: GrantRow) {
  const role = g.role as Role;
  return {
    id: g.id,
    userId: g.userId,
    role,
    roleName: ROLES[role]?.zh ?? g.role,
    scope: g.regionId ? ('region' as const) : ('org' as const),
    regionId: g.regionId,
    orgId: g.orgId,
    scopeName: g.regionName ?? g.orgName ?? '',
    grantedBy: g.grantedBy,
    grantedByName: g.grantedByName,
    createdAt: g.createdAt.toISOString(),
    revokedAt: g.revokedAt?.toISOString() ?? null,
  };
}

/** What the audit log keeps of a person: never an unmasked phone or ID-card number. */
export const auditSnapshot = (u: { id: string; name: string; phone: string; regionId: string | null; isPartyMember: boolean; status?: string }, idCard?: string | null) => ({
  id: u.id,
  name: u.name,
  phone: maskPhone(u.phone),
  regionId: u.regionId,
  isPartyMember: u.isPartyMember,
  ...(u.status ? { status: u.status } : {}),
  ...(idCard !== undefined ? { idCard: idCard && maskIdCard(idCard) } : {}),
});
