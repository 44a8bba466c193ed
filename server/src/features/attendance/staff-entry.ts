import type { Ctx } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { insertRows } from '../../platform/bulk.js';
import { shanghaiDate } from '../../platform/calendar/shanghai-time.js';
import { conflict, DomainError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorizeManage, CLAIM_TRANSITIONS } from '../service-items/service-items.policy.js';
import { findVisibleItem, type ItemRow } from '../service-items/service-items.queries.js';
import { lockPerson, minutesBetween, roundServiceMinutes, type ServiceHoursSettings } from './hours.js';

export interface StaffEntry {
  userId: string;
  checkInAt: string;
  checkOutAt: string;
}

/** The item for staff entry: the actor manages its community; it is published, closed or completed. */
export async function itemForStaffEntry(tx: Ctx, itemId: string): Promise<ItemRow> {
  const item = await findVisibleItem(tx, itemId);
  authorizeManage(tx.actor, item.communityPath);
  if (!['published', 'closed', 'completed'].includes(item.status)) {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '草稿或已取消的服务不能录入时长', en: 'Drafts and cancelled services take no records' });
  }
  return item;
}

/**
 * Writes staff-entered records (团体录入 / 补录) as pending, in the caller's transaction: times in the past, at
 * most a day each; the people exist in the tenant and have no live record on the item (all-or-nothing, 409
 * naming them); a placed or no-show claim of theirs becomes attended and is linked. Set-based: a batch of any
 * size takes a fixed number of statements (credited minutes as `creditedMinutes` computes them, one query for all).
 */
export async function insertStaffRecords(tx: Ctx, item: ItemRow, entries: StaffEntry[], p: { source: 'batch' | 'retro'; note: string | null; settings: ServiceHoursSettings }): Promise<string[]> {
  const now = tx.now();
  const userIds = entries.map((e) => e.userId);
  if (new Set(userIds).size !== userIds.length) throw invalid('同一人不能重复录入', 'A person is listed twice');
  const times = entries.map((e, index) => {
    const checkInAt = new Date(e.checkInAt);
    const checkOutAt = new Date(e.checkOutAt);
    if (!(checkOutAt > checkInAt)) throw invalid(`第 ${index + 1} 条：签退时间必须晚于签到时间`, `Entry ${index + 1}: check-out must follow check-in`, { index });
    if (checkOutAt > now) throw invalid(`第 ${index + 1} 条：不能录入未来的时间`, `Entry ${index + 1}: times must be in the past`, { index });
    if (checkOutAt.getTime() - checkInAt.getTime() > 24 * 3_600_000) throw invalid(`第 ${index + 1} 条：单次时长不能超过 24 小时`, `Entry ${index + 1}: at most 24 hours`, { index });
    return { ...e, checkInAt, checkOutAt };
  });
  const people = await tx.db.selectFrom('users').select(['id', 'name']).where('tenantId', '=', tx.tenantId).where('id', 'in', userIds).execute();
  const found = new Set(people.map((u) => u.id));
  const missing = userIds.filter((id) => !found.has(id));
  if (missing.length) throw invalid('有人员不存在', 'Some people do not exist', { userIds: missing });
  await lockPerson(tx, userIds);
  const live = await tx.db.selectFrom('serviceRecords').select('userId').where('tenantId', '=', tx.tenantId).where('itemId', '=', item.id).where('userId', 'in', userIds).where('status', '!=', 'declined').execute();
  if (live.length) {
    const names = people.filter((u) => live.some((l) => l.userId === u.id)).map((u) => u.name);
    throw conflict(`以下人员已有该服务的时长记录：${names.join('、')}`, 'Some people already have a record on this service', { userIds: live.map((l) => l.userId) });
  }
  const claims = await tx.db
    .updateTable('serviceClaims')
    .set({ status: CLAIM_TRANSITIONS.attend.to, attendedAt: now, updatedAt: now })
    .where('tenantId', '=', tx.tenantId)
    .where('itemId', '=', item.id)
    .where('userId', 'in', userIds)
    .where('status', 'in', CLAIM_TRANSITIONS.attend.from)
    .returning(['id', 'userId'])
    .execute();
  const claimOf = new Map(claims.map((c) => [c.userId, c.id]));
  // Credited minutes as creditedMinutes computes them, for the whole batch at once: rounded, then cut to what is
  // left of each person's daily cap given their other pending or approved records on that day (one query).
  const drafts = times.map((e) => ({ ...e, id: newId(), serviceDay: shanghaiDate(e.checkInAt), actual: minutesBetween(e.checkInAt, e.checkOutAt) }));
  const used = new Map<string, number>();
  const rows = await tx.db
    .selectFrom('serviceRecords')
    .select(['userId', 'serviceDay'])
    .select((eb) => eb.fn.sum<number>('creditedMinutes').as('n'))
    .where('tenantId', '=', tx.tenantId)
    .where('userId', 'in', userIds)
    .where('serviceDay', 'in', [...new Set(drafts.map((e) => e.serviceDay))])
    .where('status', 'in', ['pending', 'approved'])
    .groupBy(['userId', 'serviceDay'])
    .execute();
  for (const r of rows) used.set(`${r.userId}:${r.serviceDay}`, Number(r.n ?? 0));
  const records = drafts.map((e) => {
    const key = `${e.userId}:${e.serviceDay}`;
    const credited = Math.max(0, Math.min(roundServiceMinutes(e.actual, p.settings.rounding), p.settings.dailyCapMinutes - (used.get(key) ?? 0)));
    used.set(key, (used.get(key) ?? 0) + credited);
    return { ...e, credited };
  });
  await insertRows(
    tx.db,
    'service_records',
        records.map((e) => ({
          tenantId: tx.tenantId,
          id: e.id,
          itemId: item.id,
          claimId: claimOf.get(e.userId) ?? null,
          userId: e.userId,
          source: p.source,
          checkInAt: e.checkInAt,
          checkOutAt: e.checkOutAt,
          serviceDay: e.serviceDay,
          plannedMinutes: item.plannedMinutes,
          actualMinutes: e.actual,
          creditedMinutes: e.credited,
          enteredBy: tx.actor!.userId,
          note: p.note,
          status: 'pending' as const,
          createdAt: now,
          updatedAt: now,
        })),
  );
  await auditMany(
    tx,
    records.map((e) => ({
      action: `service_record.${p.source}_entered`,
      targetType: 'service_record',
      targetId: e.id,
      regionId: item.communityId,
      after: { itemId: item.id, userId: e.userId, checkInAt: e.checkInAt, checkOutAt: e.checkOutAt, actualMinutes: e.actual, creditedMinutes: e.credited, note: p.note },
    })),
  );
  const ids = records.map((e) => e.id);
  return ids;
}
