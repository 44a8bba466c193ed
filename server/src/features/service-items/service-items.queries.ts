import { sql, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ServiceClaimTable, ServiceItemTable } from '../../db/schema.js';
import { toShanghaiIso } from '../../platform/calendar/shanghai-time.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { canManageServices } from './service-items.policy.js';
import type { ClaimView, ServiceItemView } from './service-items.schemas.js';

export type ItemRow = Selectable<ServiceItemTable> & { communityName: string; communityPath: string };
export type ClaimRow = Selectable<ServiceClaimTable>;

export const iso = (d: Date) => toShanghaiIso(d);
export const isoOrNull = (d: Date | null) => (d ? toShanghaiIso(d) : null);

/** Items with their community's name and path (the path places them in managers' scopes). */
export function selectItems(db: Database, tenantId: string) {
  return db
    .selectFrom('serviceItems as i')
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'i.tenantId').onRef('c.id', '=', 'i.communityId'))
    .selectAll('i')
    .select(['c.name as communityName', 'c.path as communityPath'])
    .where('i.tenantId', '=', tenantId);
}

/** An item the actor may see: published-or-later items to everyone signed in, drafts to its managers only. */
export async function findVisibleItem(ctx: Ctx, id: string, db: Database = ctx.db): Promise<ItemRow> {
  const item = await selectItems(db, ctx.tenantId).where('i.id', '=', id).executeTakeFirst();
  if (!item || (item.status === 'draft' && !canManageServices(ctx.actor, item.communityPath))) throw notFound('服务');
  return item;
}

/** Locks the item row (FOR NO KEY UPDATE: claim inserts' foreign-key checks still pass) and returns it. */
export async function lockItem(tx: Ctx, id: string): Promise<ItemRow> {
  const item = await selectItems(tx.db, tx.tenantId).where('i.id', '=', id).forNoKeyUpdate('i').executeTakeFirst();
  if (!item) throw notFound('服务');
  return item;
}

export function presentItem(i: ItemRow & { distanceM?: number | null; myClaimStatus?: ClaimRow['status'] | null }): ServiceItemView {
  return {
    id: i.id,
    communityId: i.communityId,
    communityName: i.communityName,
    title: i.title,
    category: i.category as ServiceItemView['category'],
    description: i.description,
    startsAt: iso(i.startsAt),
    endsAt: iso(i.endsAt),
    placeName: i.placeName,
    lat: i.lat,
    lng: i.lng,
    checkinRadiusM: i.checkinRadiusM,
    capacity: i.capacity,
    claimedCount: i.claimedCount,
    waitlistedCount: i.waitlistedCount,
    remaining: Math.max(0, i.capacity - i.claimedCount),
    eligibility: i.eligibility,
    plannedMinutes: i.plannedMinutes,
    pointsPerHour: i.pointsPerHour === null ? null : Number(i.pointsPerHour),
    cancelDeadlineMinutes: i.cancelDeadlineMinutes,
    status: i.status,
    createdBy: i.createdBy,
    publishedAt: isoOrNull(i.publishedAt),
    closedAt: isoOrNull(i.closedAt),
    cancelledAt: isoOrNull(i.cancelledAt),
    cancelReason: i.cancelReason,
    completedAt: isoOrNull(i.completedAt),
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
    ...(i.distanceM !== undefined && i.distanceM !== null ? { distanceM: Math.round(i.distanceM) } : {}),
    myClaimStatus: i.myClaimStatus ?? null,
  };
}

/** 1-based place in the item's waitlist, by (queued_at, id). */
export async function waitlistPosition(db: Database, tenantId: string, claim: Pick<ClaimRow, 'itemId' | 'queuedAt' | 'id' | 'status'>): Promise<number | null> {
  if (claim.status !== 'waitlisted' || !claim.queuedAt) return null;
  const row = await db
    .selectFrom('serviceClaims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenantId', '=', tenantId)
    .where('itemId', '=', claim.itemId)
    .where('status', '=', 'waitlisted')
    // Compared in SQL: queued_at has microseconds, a JS Date only milliseconds.
    .where(sql<boolean>`(queued_at, id) <= (select q.queued_at, q.id from service_claims q where q.tenant_id = ${tenantId} and q.id = ${claim.id})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function presentClaim(c: ClaimRow, position: number | null = null): ClaimView {
  return {
    id: c.id,
    itemId: c.itemId,
    userId: c.userId,
    status: c.status,
    claimedAt: iso(c.claimedAt),
    queuedAt: isoOrNull(c.queuedAt),
    promotedAt: isoOrNull(c.promotedAt),
    cancelledAt: isoOrNull(c.cancelledAt),
    cancelReason: c.cancelReason,
    noShowAt: isoOrNull(c.noShowAt),
    attendedAt: isoOrNull(c.attendedAt),
    waitlistPosition: c.status === 'waitlisted' ? position : null,
  };
}

export async function findClaim(db: Database, tenantId: string, id: string): Promise<ClaimRow> {
  const claim = await db.selectFrom('serviceClaims').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!claim) throw notFound('认领');
  return claim;
}

/** Whether the caller may still cancel their own claim: before the deadline, on a live item. */
export function selfCancelOpen(item: Pick<ItemRow, 'startsAt' | 'cancelDeadlineMinutes' | 'status'>, now: Date, claimStatus: ClaimRow['status']): boolean {
  if (claimStatus === 'waitlisted') return now < item.startsAt;
  return claimStatus === 'claimed' && (item.status === 'published' || item.status === 'closed') && now.getTime() <= item.startsAt.getTime() - item.cancelDeadlineMinutes * 60_000;
}
