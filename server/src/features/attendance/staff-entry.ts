import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/shanghai-time.js';
import { conflict, DomainError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorizeManage, CLAIM_TRANSITIONS } from '../service-items/service-items.policy.js';
import { findVisibleItem, type ItemRow } from '../service-items/service-items.queries.js';
import { creditedMinutes, lockPerson, minutesBetween, type ServiceHoursSettings } from './hours.js';

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
 * naming them); a placed or no-show claim of theirs becomes attended and is linked.
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
  const missing = userIds.filter((id) => !people.some((u) => u.id === id));
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
  const ids: string[] = [];
  for (const e of times) {
    const id = newId();
    const serviceDay = shanghaiDate(e.checkInAt);
    const actual = minutesBetween(e.checkInAt, e.checkOutAt);
    const credited = await creditedMinutes(tx, { userId: e.userId, serviceDay, actual, settings: p.settings });
    await tx.db
      .insertInto('serviceRecords')
      .values({
        tenantId: tx.tenantId,
        id,
        itemId: item.id,
        claimId: claims.find((c) => c.userId === e.userId)?.id ?? null,
        userId: e.userId,
        source: p.source,
        checkInAt: e.checkInAt,
        checkOutAt: e.checkOutAt,
        serviceDay,
        plannedMinutes: item.plannedMinutes,
        actualMinutes: actual,
        creditedMinutes: credited,
        enteredBy: tx.actor!.userId,
        note: p.note,
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await audit(tx, { action: `service_record.${p.source}_entered`, targetType: 'service_record', targetId: id, regionId: item.communityId, after: { itemId: item.id, userId: e.userId, checkInAt: e.checkInAt, checkOutAt: e.checkOutAt, actualMinutes: actual, creditedMinutes: credited, note: p.note } });
    ids.push(id);
  }
  return ids;
}
