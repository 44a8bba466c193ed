import type { Ctx } from '../../platform/context.js';
import { audit, auditMany } from '../../platform/audit.js';
import { chunked } from '../../platform/bulk.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { notifyEach } from '../../platform/notifications/notifier.js';
import { settleCertifiedService } from '../points/settle-certified-service.js';
import { settleCertifiedServices } from '../points/settle-certified-services.js';
import { authorizeManage, canManageServices } from '../service-items/service-items.policy.js';
import { RECORD_TRANSITIONS, recordTransition, type RecordAction } from './attendance.policy.js';
import { findVisibleRecord, selectRecords, type RecordWithItem } from './attendance.queries.js';

/**
 * Approves or declines one pending record in the caller's transaction (row-locked): a worker of the item's
 * community, never the record's own person. Approval settles points through the points feature in the same
 * transaction; a decline keeps the record (with its reason) and frees the person's daily cap.
 */
export async function certifyRecord(tx: Ctx, id: string, action: Extract<RecordAction, 'approve' | 'decline'>, reason?: string): Promise<RecordWithItem> {
  const record = await findVisibleRecord(tx, id, { lock: true });
  authorizeManage(tx.actor, record.communityPath);
  if (record.userId === tx.actor!.userId) throw new DomainError('FORBIDDEN', { 'zh-CN': '不能认证本人的服务时长', en: 'You cannot certify your own service' });
  const to = recordTransition(action, record.status);
  const now = tx.now();
  await tx.db
    .updateTable('serviceRecords')
    .set({ status: to, certifiedBy: tx.actor!.userId, certifiedAt: now, declineReason: action === 'decline' ? reason ?? null : null, updatedAt: now })
    .where('tenantId', '=', tx.tenantId)
    .where('id', '=', record.id)
    .execute();
  await audit(tx, { action: `service_record.${action}d`, targetType: 'service_record', targetId: record.id, regionId: record.communityId, before: { status: record.status }, after: { status: to, creditedMinutes: record.creditedMinutes, reason } });
  if (action === 'approve') {
    await settleCertifiedService({
      ctx: tx,
      input: {
        sourceType: 'service_record',
        sourceId: record.id,
        userId: record.userId,
        communityId: record.communityId,
        itemId: record.itemId,
        category: record.category,
        certifiedMinutes: record.creditedMinutes ?? 0,
        occurredAt: record.checkInAt,
        pointsPerHour: record.pointsPerHour === null ? null : Number(record.pointsPerHour),
      },
    });
  }
  const hours = ((record.creditedMinutes ?? 0) / 60).toFixed(1).replace(/\.0$/, '');
  await tx.notifier.notify(tx, {
    userIds: [record.userId],
    kind: `service_record.${action}d`,
    title: action === 'approve' ? `服务时长已认证：${record.itemTitle}` : `服务时长未通过认证：${record.itemTitle}`,
    body: action === 'approve' ? `认证时长 ${hours} 小时，积分已自动结算。` : `原因：${reason}`,
    link: `/services/${record.itemId}`,
  });
  return { ...record, status: to, certifiedBy: tx.actor!.userId, certifiedAt: now, declineReason: action === 'decline' ? reason ?? null : null };
}

/**
 * Approves many pending records in the caller's transaction — the set-based certifyRecord(…, 'approve') for each, in
 * id order: the same checks (visible, a worker of the item's community, never one's own record, pending) and the
 * same effects (status, `service_record.approved` audit row, points settled, the person told), in a fixed number of
 * statements whatever the count; points settle through settleCertifiedServices, which honours the caps in that
 * order exactly as one settlement after another would. All or nothing: the first record (by id) that fails throws,
 * with `details.recordId`.
 */
export async function approveRecords(tx: Ctx, ids: string[]): Promise<RecordWithItem[]> {
  if (!tx.actor) throw new DomainError('UNAUTHENTICATED');
  const actor = tx.actor;
  const sorted = [...new Set(ids)].sort();
  const found = new Map<string, RecordWithItem>();
  for (const chunk of chunked(sorted, 5000)) {
    for (const r of await selectRecords(tx.db, tx.tenantId).where('r.id', 'in', chunk).orderBy('r.id').forUpdate('r').execute()) found.set(r.id, r);
  }
  const records = sorted.map((id) => {
    try {
      const record = found.get(id);
      if (!record || (record.userId !== actor.userId && !canManageServices(actor, record.communityPath))) throw notFound('服务记录');
      authorizeManage(actor, record.communityPath);
      if (record.userId === actor.userId) throw new DomainError('FORBIDDEN', { 'zh-CN': '不能认证本人的服务时长', en: 'You cannot certify your own service' });
      recordTransition('approve', record.status);
      return record;
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { recordId: id, ...(error.details as object) });
      throw error;
    }
  });
  if (records.length === 0) return [];
  const to = RECORD_TRANSITIONS.approve.to;
  const now = tx.now();
  for (const chunk of chunked(sorted, 5000)) {
    await tx.db
      .updateTable('serviceRecords')
      .set({ status: to, certifiedBy: actor.userId, certifiedAt: now, declineReason: null, updatedAt: now })
      .where('tenantId', '=', tx.tenantId)
      .where('id', 'in', chunk)
      .execute();
  }
  await auditMany(
    tx,
    records.map((r) => ({ action: 'service_record.approved', targetType: 'service_record', targetId: r.id, regionId: r.communityId, before: { status: r.status }, after: { status: to, creditedMinutes: r.creditedMinutes } })),
  );
  await settleCertifiedServices({
    ctx: tx,
    input: {
      services: records.map((r) => ({
        sourceType: 'service_record' as const,
        sourceId: r.id,
        userId: r.userId,
        communityId: r.communityId,
        itemId: r.itemId,
        category: r.category,
        certifiedMinutes: r.creditedMinutes ?? 0,
        occurredAt: r.checkInAt,
        pointsPerHour: r.pointsPerHour === null ? null : Number(r.pointsPerHour),
      })),
    },
  });
  await notifyEach(
    tx,
    records.map((r) => ({
      userIds: [r.userId],
      kind: 'service_record.approved',
      title: `服务时长已认证：${r.itemTitle}`,
      body: `认证时长 ${((r.creditedMinutes ?? 0) / 60).toFixed(1).replace(/\.0$/, '')} 小时，积分已自动结算。`,
      link: `/services/${r.itemId}`,
    })),
  );
  return records.map((r) => ({ ...r, status: to, certifiedBy: actor.userId, certifiedAt: now, declineReason: null }));
}
