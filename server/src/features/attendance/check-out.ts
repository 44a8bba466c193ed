import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { findVisibleItem } from '../service-items/service-items.queries.js';
import { recordTransition } from './attendance.policy.js';
import { loadRecord } from './attendance.queries.js';
import type { CheckInput } from './attendance.schemas.js';
import { creditedMinutes, loadHoursSettings, lockPerson, minutesBetween } from './hours.js';
import { assertOnSite } from './on-site.js';

/**
 * QR check-out (签退): valid site code, inside the geofence, an open record of the caller's. Actual minutes are
 * check-out − check-in; credited minutes apply the tenant's rounding rule and daily cap; the record goes to
 * certification (pending). A second check-out is ALREADY_EXISTS. A check-out later than the automatic one would
 * have been (end + autoCheckoutAfterHours) counts until the end only and is flagged, like closeForgottenCheckouts.
 */
export async function checkOut({ ctx, input }: { ctx: Ctx; input: CheckInput & { itemId: string } }) {
  const actor = requireActor(ctx);
  const item = await findVisibleItem(ctx, input.itemId);
  if (item.status === 'draft' || item.status === 'cancelled') {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '该服务不在进行中，不能签退', en: 'The service is not running' });
  }
  assertOnSite(ctx, item, input);
  const settings = await loadHoursSettings(ctx);
  return withTransaction(ctx, async (tx) => {
    await lockPerson(tx, [actor.userId]);
    const record = await tx.db
      .selectFrom('serviceRecords')
      .selectAll()
      .where('tenantId', '=', tx.tenantId)
      .where('itemId', '=', item.id)
      .where('userId', '=', actor.userId)
      .where('status', '!=', 'declined')
      .executeTakeFirst();
    if (!record) throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '您尚未签到，不能签退', en: 'You have not checked in' });
    if (record.status !== 'open') throw new DomainError('ALREADY_EXISTS', { 'zh-CN': '您已签退', en: 'You have already checked out' });
    const to = recordTransition('checkOut', record.status);
    const now = tx.now();
    // Past the automatic check-out time the record closes as a forgotten one would: at the end, flagged.
    const late = now.getTime() > item.endsAt.getTime() + settings.autoCheckoutAfterHours * 3_600_000;
    const checkOutAt = late ? new Date(Math.max(item.endsAt.getTime(), record.checkInAt.getTime())) : now;
    const actual = minutesBetween(record.checkInAt, checkOutAt);
    const credited = await creditedMinutes(tx, { userId: actor.userId, serviceDay: record.serviceDay, actual, excludeRecordId: record.id, settings });
    await tx.db
      .updateTable('serviceRecords')
      .set({ status: to, checkOutAt, checkOutLat: input.lat, checkOutLng: input.lng, actualMinutes: actual, creditedMinutes: credited, autoCheckedOut: late, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', record.id)
      .execute();
    await audit(tx, {
      action: 'service_record.checked_out',
      targetType: 'service_record',
      targetId: record.id,
      regionId: item.communityId,
      before: { status: record.status },
      after: { status: to, checkOutAt, actualMinutes: actual, creditedMinutes: credited, autoCheckedOut: late, lat: input.lat, lng: input.lng },
    });
    return loadRecord(tx.db, tx.tenantId, record.id);
  });
}
