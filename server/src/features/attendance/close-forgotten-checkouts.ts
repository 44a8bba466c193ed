import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { canManageServices } from '../service-items/service-items.policy.js';
import { RECORD_TRANSITIONS } from './attendance.policy.js';
import { creditedMinutes, loadHoursSettings, lockPerson, minutesBetween } from './hours.js';

const BATCH = 200;

/**
 * Closes records left open (forgotten check-outs) once their item ended `autoCheckoutAfterHours` ago: the
 * check-out is set to the item's planned end, `auto_checked_out` flags the record for review, minutes are
 * credited as for a check-out and the person is told. Scheduler-friendly: runs as the system actor, idempotent,
 * one transaction per record, at most 200 per call — `more` says to call again.
 */
export async function closeForgottenCheckouts({ ctx, input }: { ctx: Ctx; input: { now: Date } }): Promise<{ closed: number; more: boolean }> {
  const actor = requireActor(ctx);
  if (!canManageServices(actor, '/')) throw new DomainError('FORBIDDEN');
  const settings = await loadHoursSettings(ctx);
  const cutoff = new Date(input.now.getTime() - settings.autoCheckoutAfterHours * 3_600_000);
  const due = await ctx.db
    .selectFrom('serviceRecords as r')
    .innerJoin('serviceItems as i', (j) => j.onRef('i.tenantId', '=', 'r.tenantId').onRef('i.id', '=', 'r.itemId'))
    .select(['r.id', 'r.userId'])
    .where('r.tenantId', '=', ctx.tenantId)
    .where('r.status', 'in', RECORD_TRANSITIONS.autoCheckOut.from)
    .where('i.endsAt', '<=', cutoff)
    .orderBy('r.id')
    .limit(BATCH + 1)
    .execute();
  let closed = 0;
  for (const { id, userId } of due.slice(0, BATCH)) {
    const done = await withTransaction(ctx, async (tx) => {
      await lockPerson(tx, [userId]);
      const r = await tx.db
        .selectFrom('serviceRecords as r')
        .innerJoin('serviceItems as i', (j) => j.onRef('i.tenantId', '=', 'r.tenantId').onRef('i.id', '=', 'r.itemId'))
        .select(['r.id', 'r.userId', 'r.checkInAt', 'r.serviceDay', 'r.status', 'i.endsAt', 'i.title', 'i.id as itemId', 'i.communityId'])
        .where('r.tenantId', '=', tx.tenantId)
        .where('r.id', '=', id)
        .forUpdate('r')
        .executeTakeFirstOrThrow();
      if (r.status !== 'open') return false; // checked out meanwhile
      const checkOutAt = r.endsAt > r.checkInAt ? r.endsAt : r.checkInAt;
      const actual = minutesBetween(r.checkInAt, checkOutAt);
      const credited = await creditedMinutes(tx, { userId: r.userId, serviceDay: r.serviceDay, actual, excludeRecordId: r.id, settings });
      const now = tx.now();
      await tx.db
        .updateTable('serviceRecords')
        .set({ status: RECORD_TRANSITIONS.autoCheckOut.to, checkOutAt, actualMinutes: actual, creditedMinutes: credited, autoCheckedOut: true, updatedAt: now })
        .where('tenantId', '=', tx.tenantId)
        .where('id', '=', r.id)
        .execute();
      await audit(tx, { action: 'service_record.auto_checked_out', targetType: 'service_record', targetId: r.id, regionId: r.communityId, before: { status: 'open' }, after: { status: 'pending', checkOutAt, actualMinutes: actual, creditedMinutes: credited } });
      await tx.notifier.notify(tx, {
        userIds: [r.userId],
        kind: 'service_record.auto_checked_out',
        title: `已为您自动签退：${r.title}`,
        body: '您未签退，系统按服务结束时间为您签退，时长将由社区工作者复核。',
        link: `/services/${r.itemId}`,
      });
      return true;
    });
    if (done) closed++;
  }
  return { closed, more: due.length > BATCH };
}
