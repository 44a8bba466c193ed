import type { Actor, Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can } from '../../platform/policy.js';

export const AGREEMENT_STATUSES = ['pending', 'active', 'declined', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const ITEM_STATUSES = ['open', 'claimed', 'completed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const LISTS = ['need', 'resource', 'project'] as const;
export type CoBuildList = (typeof LISTS)[number];
export const SIDES = ['unit', 'community'] as const;
export type Side = (typeof SIDES)[number];

/** Who moves: one named side, either side, or (items) the side that did not write the item — 双向认领. */
type Mover = Side | 'either' | 'other';

/**
 * The agreement (共建协议) and list-item machines, as data:
 *   agreement: propose → pending ─confirm→ active ─end→ ended;  pending ─decline→ declined
 *   item:      create → open ─claim (by the other side)→ claimed ─complete→ completed
 */
export const AGREEMENT_TRANSITIONS = {
  confirm: { from: ['pending'], to: 'active', by: 'community' },
  decline: { from: ['pending'], to: 'declined', by: 'community' },
  end: { from: ['active'], to: 'ended', by: 'either' },
} as const satisfies Record<string, { from: readonly AgreementStatus[]; to: AgreementStatus; by: Mover }>;

export const ITEM_TRANSITIONS = {
  claim: { from: ['open'], to: 'claimed', by: 'other' },
  complete: { from: ['claimed'], to: 'completed', by: 'either' },
} as const satisfies Record<string, { from: readonly ItemStatus[]; to: ItemStatus; by: Mover }>;

export type AgreementAction = keyof typeof AGREEMENT_TRANSITIONS;
export type ItemAction = keyof typeof ITEM_TRANSITIONS;
export const AGREEMENT_ACTIONS = Object.keys(AGREEMENT_TRANSITIONS) as AgreementAction[];
export const ITEM_ACTIONS = Object.keys(ITEM_TRANSITIONS) as ItemAction[];

/** The parties of an agreement as places: the unit (org subtree and its region) and the community. */
export interface Parties {
  unit: { id: string; name: string; path: string; regionPath: string };
  community: { id: string; name: string; path: string };
}

/** The sides the actor may act for: the unit's (its secretary, admins over its region) and the community's. */
export function sidesOf(actor: Actor | null, p: Parties): Side[] {
  return [
    ...(can(actor, 'cobuild.unit', { orgPath: p.unit.path, regionPath: p.unit.regionPath }) ? (['unit'] as const) : []),
    ...(can(actor, 'cobuild.community', { regionPath: p.community.path }) ? (['community'] as const) : []),
  ];
}

export const otherSide = (s: Side): Side => (s === 'unit' ? 'community' : 'unit');

const mayMove = (by: Mover, sides: Side[], itemSide?: Side) =>
  by === 'either' ? sides.length > 0 : by === 'other' ? !!itemSide && sides.includes(otherSide(itemSide)) : sides.includes(by);

export function agreementActions(status: AgreementStatus, sides: Side[]): AgreementAction[] {
  return AGREEMENT_ACTIONS.filter((a) => (AGREEMENT_TRANSITIONS[a].from as readonly string[]).includes(status) && mayMove(AGREEMENT_TRANSITIONS[a].by, sides));
}

export function itemActions(status: ItemStatus, sides: Side[], itemSide: Side, inForce: boolean): ItemAction[] {
  if (!inForce) return [];
  return ITEM_ACTIONS.filter((a) => (ITEM_TRANSITIONS[a].from as readonly string[]).includes(status) && mayMove(ITEM_TRANSITIONS[a].by, sides, itemSide));
}

/** Checks the actor's side (FORBIDDEN) and then the state (INVALID_TRANSITION); returns the target state. */
export function checkAgreementMove(action: AgreementAction, status: AgreementStatus, sides: Side[]): AgreementStatus {
  const t = AGREEMENT_TRANSITIONS[action];
  if (!mayMove(t.by, sides)) throw new DomainError('FORBIDDEN');
  if (!(t.from as readonly string[]).includes(status)) throw new DomainError('INVALID_TRANSITION', undefined, { status, action });
  return t.to;
}

export function checkItemMove(action: ItemAction, status: ItemStatus, sides: Side[], itemSide: Side): ItemStatus {
  const t = ITEM_TRANSITIONS[action];
  if (!mayMove(t.by, sides, itemSide)) {
    throw new DomainError('FORBIDDEN', action === 'claim' ? { 'zh-CN': '只能由另一方认领', en: 'Only the other party may claim this item' } : undefined);
  }
  if (!(t.from as readonly string[]).includes(status)) throw new DomainError('INVALID_TRANSITION', undefined, { status, action });
  return t.to;
}

/** Appends a row to the agreement's timeline and the audit log, in the caller's transaction. */
export async function recordEvent(
  tx: Ctx,
  e: { agreementId: string; itemId?: string; action: string; fromStatus: string | null; toStatus: string; note?: string | null; regionId: string; before?: unknown; after?: unknown },
) {
  await tx.db
    .insertInto('coBuildEvents')
    .values({ tenantId: tx.tenantId, id: newId(), agreementId: e.agreementId, itemId: e.itemId ?? null, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorId: tx.actor?.userId ?? null, note: e.note ?? null, at: tx.now() })
    .execute();
  await audit(tx, {
    action: `co_building.${e.action}`,
    targetType: e.itemId ? 'co_build_item' : 'co_build_agreement',
    targetId: e.itemId ?? e.agreementId,
    regionId: e.regionId,
    before: e.before,
    after: e.after,
  });
}
