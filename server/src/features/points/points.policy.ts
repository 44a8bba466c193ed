import type { Actor } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import type { Role } from '../../platform/policy.js';

/** Who may read the tenant's point rules (they are tenant-wide, so any grant of these roles suffices). */
export const RULE_READERS: readonly Role[] = ['admin', 'leader', 'community_secretary'];

export function authorizeRuleRead(actor: Actor | null): void {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (!actor.grants.some((g) => RULE_READERS.includes(g.role))) throw new DomainError('FORBIDDEN');
}

/** Rules bind the whole tenant, so a new version needs an admin over a whole tree (a root region, or '/'). */
export function authorizeRuleWrite(actor: Actor | null): void {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  const overTenant = actor.grants.some((g) => g.role === 'admin' && g.regionId !== null && g.scopePath.split('/').filter(Boolean).length <= 1);
  if (!overTenant) throw new DomainError('FORBIDDEN', { 'zh-CN': '只有全州（市）管理员可以修改积分规则', en: 'Only a tenant-wide admin may change point rules' });
}
