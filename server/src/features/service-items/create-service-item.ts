import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findRegion } from '../regions/regions.queries.js';
import { normaliseEligibility } from './eligibility.js';
import { authorizeManage } from './service-items.policy.js';
import { findVisibleItem } from './service-items.queries.js';
import type { CreateItemInput } from './service-items.schemas.js';

export const DEFAULT_CHECKIN_RADIUS_M = 300;
export const DEFAULT_CANCEL_DEADLINE_MINUTES = 120;

/** Checks a time window and derives planned minutes (the window's length, at most a day) when not given. */
export function plannedMinutesOf(startsAt: Date, endsAt: Date, planned: number | undefined): number {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) throw invalid('时间格式不正确', 'Invalid time');
  if (endsAt <= startsAt) throw invalid('结束时间必须晚于开始时间', 'The end must be after the start');
  const span = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  if (span > 7 * 24 * 60) throw invalid('单次服务不能超过 7 天，请拆分为多个服务', 'A service may not span more than 7 days');
  return planned ?? Math.min(span, 1440);
}

/** A draft service item in a community the actor manages (the region tree is public: FORBIDDEN otherwise). */
export async function createServiceItem({ ctx, input }: { ctx: Ctx; input: CreateItemInput }) {
  return withTransaction(ctx, async (tx) => {
    const community = await findRegion(tx.db, tx.tenantId, input.communityId);
    if (community.kind !== 'community') throw invalid('服务必须发布在社区', 'Service items belong to a community');
    authorizeManage(tx.actor, community.path);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const id = newId();
    const now = tx.now();
    const row = await tx.db
      .insertInto('serviceItems')
      .values({
        tenantId: tx.tenantId,
        id,
        communityId: community.id,
        title: input.title.trim(),
        category: input.category,
        description: input.description ?? '',
        startsAt,
        endsAt,
        placeName: input.placeName.trim(),
        lat: input.lat,
        lng: input.lng,
        checkinRadiusM: input.checkinRadiusM ?? DEFAULT_CHECKIN_RADIUS_M,
        capacity: input.capacity,
        eligibility: JSON.stringify(await normaliseEligibility(tx, input.eligibility)),
        plannedMinutes: plannedMinutesOf(startsAt, endsAt, input.plannedMinutes),
        pointsPerHour: input.pointsPerHour ?? null,
        cancelDeadlineMinutes: input.cancelDeadlineMinutes ?? DEFAULT_CANCEL_DEADLINE_MINUTES,
        createdBy: tx.actor!.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'service_item.created', targetType: 'service_item', targetId: id, regionId: community.id, after: row });
    return findVisibleItem(tx, id);
  });
}
