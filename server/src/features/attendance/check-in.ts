import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/shanghai-time.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { CLAIM_TRANSITIONS } from '../service-items/service-items.policy.js';
import { findVisibleItem } from '../service-items/service-items.queries.js';
import { loadRecord } from './attendance.queries.js';
import type { CheckInput } from './attendance.schemas.js';
import { loadHoursSettings } from './hours.js';
import { assertCheckInOpen, assertOnSite } from './on-site.js';

export const alreadyCheckedIn = () => new DomainError('ALREADY_EXISTS', { 'zh-CN': '您已签到，无需重复签到', en: 'You have already checked in' });

/**
 * QR check-in (签到) by a person holding a place: valid site code, inside the geofence, while check-in is open.
 * Opens a record and marks the claim attended in one transaction. A second check-in is ALREADY_EXISTS (the
 * Idempotency-Key replays the first response instead); the live-record unique index backs this under races.
 */
export async function checkIn({ ctx, input }: { ctx: Ctx; input: CheckInput & { itemId: string } }) {
  const actor = requireActor(ctx);
  const item = await findVisibleItem(ctx, input.itemId);
  const now = ctx.now();
  assertCheckInOpen(item, now, (await loadHoursSettings(ctx)).checkInEarlyMinutes);
  assertOnSite(ctx, item, input);
  return withTransaction(ctx, async (tx) => {
    const claim = await tx.db
      .selectFrom('serviceClaims')
      .selectAll()
      .where('tenantId', '=', tx.tenantId)
      .where('itemId', '=', item.id)
      .where('userId', '=', actor.userId)
      .where('status', '!=', 'cancelled')
      .executeTakeFirst();
    if (claim?.status === 'attended') throw alreadyCheckedIn();
    if (!claim || claim.status !== 'claimed') {
      throw new DomainError(
        'FORBIDDEN',
        claim?.status === 'waitlisted'
          ? { 'zh-CN': '您还在候补中，未获得名额，不能签到', en: 'You are on the waitlist and hold no place' }
          : { 'zh-CN': '您未认领该服务的名额，不能签到', en: 'You hold no place on this service' },
        { reason: 'NO_PLACE' },
      );
    }
    const attended = await tx.db
      .updateTable('serviceClaims')
      .set({ status: CLAIM_TRANSITIONS.attend.to, attendedAt: now, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', claim.id)
      .where('status', '=', 'claimed')
      .returning('id')
      .executeTakeFirst();
    if (!attended) throw alreadyCheckedIn();
    const id = newId();
    await tx.db
      .insertInto('serviceRecords')
      .values({
        tenantId: tx.tenantId,
        id,
        itemId: item.id,
        claimId: claim.id,
        userId: actor.userId,
        source: 'qr',
        checkInAt: now,
        checkInLat: input.lat,
        checkInLng: input.lng,
        serviceDay: shanghaiDate(now),
        plannedMinutes: item.plannedMinutes,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await audit(tx, { action: 'service_record.checked_in', targetType: 'service_record', targetId: id, regionId: item.communityId, after: { itemId: item.id, claimId: claim.id, lat: input.lat, lng: input.lng } });
    return loadRecord(tx.db, tx.tenantId, id);
  });
}
