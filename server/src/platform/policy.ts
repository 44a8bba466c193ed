import { DomainError } from './errors.js';
import type { Actor, Grant } from './context.js';

/** Roles of PRODUCT §2. Region roles are granted over a region subtree, org roles over an organisation subtree. */
export const ROLES = {
  admin: { zh: '管理员', scope: 'region' },
  leader: { zh: '领导', scope: 'region' },
  dispatcher: { zh: '派单员/督办', scope: 'region' },
  community_secretary: { zh: '社区书记/社区工作者', scope: 'region' },
  grid_worker: { zh: '网格员', scope: 'region' },
  street_chief: { zh: '街（路）巷长', scope: 'region' },
  department_handler: { zh: '职能部门承办人', scope: 'org' },
  unit_secretary: { zh: '单位党组织书记', scope: 'org' },
  property_manager: { zh: '物业', scope: 'org' },
  member: { zh: '在职党员', scope: 'region' },
  resident: { zh: '居民', scope: 'region' },
} as const satisfies Record<string, { zh: string; scope: 'region' | 'org' }>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

/**
 * What each role may do within its scope. `self` roles (member, resident) only act on their own records;
 * their grant region says where they live, not what they administer.
 */
export const PERMISSIONS = {
  'region.write': ['admin'],
  'org.read': ['admin', 'leader', 'dispatcher', 'community_secretary', 'grid_worker', 'street_chief', 'department_handler', 'unit_secretary', 'property_manager'],
  'org.write': ['admin'],
  'user.read': ['admin', 'leader', 'dispatcher', 'community_secretary', 'grid_worker', 'unit_secretary'],
  'user.write': ['admin', 'community_secretary'],
  'user.pii': ['admin', 'community_secretary', 'unit_secretary'],
  'grant.write': ['admin'],
  'audit.read': ['admin'],
  'import.run': ['admin'],
  'calendar.write': ['admin'],
  'stats.read': ['admin', 'leader', 'dispatcher', 'community_secretary', 'street_chief'],
  // 双报到. Submitting needs no permission: any Party member (users.is_party_member) or holder of `member` reports in.
  'reportin.review': ['admin', 'community_secretary'],
  'reportin.unit': ['admin', 'unit_secretary'],
  'cobuild.unit': ['admin', 'unit_secretary'],
  'cobuild.community': ['admin', 'community_secretary'],
  // Case engine (features/cases/README.md). Reporting needs no permission: any signed-in person reports.
  'case.read': ['admin', 'leader', 'dispatcher', 'community_secretary', 'grid_worker', 'street_chief'],
  'case.file': ['admin', 'dispatcher', 'community_secretary', 'grid_worker', 'street_chief'],
  'case.dispatch': ['admin', 'dispatcher'],
  'case.verify': ['admin', 'dispatcher', 'grid_worker', 'street_chief'],
  'case.supervise': ['admin', 'leader', 'dispatcher'],
  'case.handle': ['department_handler'],
  'catalog.write': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Where a record sits: its region path and/or its organisation path. */
export interface ScopeTarget {
  regionPath?: string | null;
  orgPath?: string | null;
}

export function grantsFor(actor: Actor | null, permission: Permission): Grant[] {
  if (!actor) return [];
  const roles: readonly Role[] = PERMISSIONS[permission];
  return actor.grants.filter((g) => roles.includes(g.role));
}

/** Region subtree paths in which the actor holds `permission` (directly or via nothing else). */
export function regionScopes(actor: Actor | null, permission: Permission): string[] {
  return grantsFor(actor, permission).filter((g) => g.regionId).map((g) => g.scopePath);
}

export function orgScopes(actor: Actor | null, permission: Permission): string[] {
  return grantsFor(actor, permission).filter((g) => g.orgId).map((g) => g.scopePath);
}

export function can(actor: Actor | null, permission: Permission, target?: ScopeTarget): boolean {
  const grants = grantsFor(actor, permission);
  if (!target) return grants.length > 0;
  return grants.some((g) => {
    const path = g.regionId ? target.regionPath : target.orgPath;
    return !!path && path.startsWith(g.scopePath);
  });
}

/** Throws FORBIDDEN unless the actor holds the permission over the target (or anywhere, without a target). */
export function authorize(actor: Actor | null, permission: Permission, target?: ScopeTarget): void {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (!can(actor, permission, target)) throw new DomainError('FORBIDDEN');
}

/** Hides existence: out-of-scope records answer NOT_FOUND rather than FORBIDDEN. */
export function authorizeOrHide(actor: Actor | null, permission: Permission, target: ScopeTarget, what?: string): void {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (!can(actor, permission, target)) {
    throw new DomainError('NOT_FOUND', what ? { 'zh-CN': `${what}不存在或无权查看`, en: `${what} not found` } : undefined);
  }
}

export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/** The actor for boot-time work (migrations' seeds, the demo, the CLI): admin over every path. */
export function systemActor(): Actor {
  return {
    userId: SYSTEM_USER_ID,
    name: '系统',
    regionId: null,
    sessionId: null,
    grants: [{ id: SYSTEM_USER_ID, role: 'admin', regionId: SYSTEM_USER_ID, orgId: null, scopePath: '/' }],
  };
}
