import type { ServiceClaimStatus, ServiceItemStatus } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import type { Role } from '../../platform/policy.js';

/**
 * Who runs volunteer services: the community's workers (社区书记/社区工作者) and admins over the community.
 * Kept here as data until platform/policy.ts PERMISSIONS gains `service.manage`; the predicate mirrors `can`.
 * Everyone signed in may read published items of any community of the tenant and claim them (members volunteer
 * where they live but may join elsewhere); drafts are seen only by managers of the community.
 */
export const SERVICE_MANAGER_ROLES: readonly Role[] = ['admin', 'community_secretary'];

export function canManageServices(actor: Actor | null, communityPath: string): boolean {
  return !!actor?.grants.some((g) => SERVICE_MANAGER_ROLES.includes(g.role) && g.regionId && communityPath.startsWith(g.scopePath));
}

/** Region subtrees in which the actor manages services (for list filters). */
export function serviceManagerScopes(actor: Actor | null): string[] {
  return (actor?.grants ?? []).filter((g) => SERVICE_MANAGER_ROLES.includes(g.role) && g.regionId).map((g) => g.scopePath);
}

/** FORBIDDEN unless the actor manages services of the community. Callers hide drafts first (authorizeItemVisible). */
export function authorizeManage(actor: Actor | null, communityPath: string): void {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (!canManageServices(actor, communityPath)) throw new DomainError('FORBIDDEN', { 'zh-CN': '仅该社区的社区工作者可以执行此操作', en: 'Only workers of the community may do this' });
}

/** Item lifecycle: draft → published → closed | cancelled | completed. Edits only in draft. */
export const ITEM_TRANSITIONS = {
  update: { from: ['draft'], to: 'draft' },
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  reopen: { from: ['closed'], to: 'published' },
  cancel: { from: ['draft', 'published', 'closed'], to: 'cancelled' },
  complete: { from: ['published', 'closed'], to: 'completed' },
} as const satisfies Record<string, { from: readonly ServiceItemStatus[]; to: ServiceItemStatus }>;
export type ItemAction = keyof typeof ITEM_TRANSITIONS;

const ITEM_ACTION_ZH: Record<ItemAction, string> = { update: '修改', publish: '发布', close: '停止认领', reopen: '重新开放认领', cancel: '取消', complete: '完成' };
export const ITEM_STATUS_ZH: Record<ServiceItemStatus, string> = { draft: '草稿', published: '已发布', closed: '已停止认领', cancelled: '已取消', completed: '已完成' };

/** The next status, or INVALID_TRANSITION with a message naming the current status. */
export function itemTransition(action: ItemAction, from: ServiceItemStatus): ServiceItemStatus {
  const t = ITEM_TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(from)) {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `服务${ITEM_STATUS_ZH[from]}，不能${ITEM_ACTION_ZH[action]}`, en: `Cannot ${action} a ${from} service item` }, { action, status: from });
  }
  return t.to;
}

/**
 * Claim lifecycle. `claim` creates claimed (a place was free) or waitlisted; a freed place promotes the earliest
 * waiter; check-in (or staff entry) marks attended; the worker marks no-shows after the end; staff entry may
 * still record attendance for a no-show (补录); cancelling the item or completing it ends open claims.
 */
export const CLAIM_TRANSITIONS = {
  cancel: { from: ['claimed', 'waitlisted'], to: 'cancelled' },
  promote: { from: ['waitlisted'], to: 'claimed' },
  attend: { from: ['claimed', 'no_show'], to: 'attended' },
  markNoShow: { from: ['claimed'], to: 'no_show' },
  itemCancelled: { from: ['claimed', 'waitlisted'], to: 'cancelled' },
  itemCompleted: { from: ['waitlisted'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly ServiceClaimStatus[]; to: ServiceClaimStatus }>;
export type ClaimAction = keyof typeof CLAIM_TRANSITIONS;

export const CLAIM_STATUS_ZH: Record<ServiceClaimStatus, string> = { claimed: '已认领', waitlisted: '候补中', cancelled: '已取消', no_show: '已标记缺席', attended: '已到岗' };
const CLAIM_ACTION_ZH: Record<ClaimAction, string> = { cancel: '取消', promote: '递补', attend: '登记到岗', markNoShow: '标记缺席', itemCancelled: '随服务取消', itemCompleted: '随服务结束' };

/** Places held by a claim in these statuses count in `claimed_count`. */
export const HOLDS_PLACE: readonly ServiceClaimStatus[] = ['claimed', 'attended', 'no_show'];

export function claimTransition(action: ClaimAction, from: ServiceClaimStatus): ServiceClaimStatus {
  const t = CLAIM_TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(from)) {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `认领${CLAIM_STATUS_ZH[from]}，不能${CLAIM_ACTION_ZH[action]}`, en: `Cannot ${action} a ${from} claim` }, { action, status: from });
  }
  return t.to;
}
