import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { settleCertifiedService } from '../points/settle-certified-service.js';
import { authorizeManage } from '../service-items/service-items.policy.js';
import { recordTransition, type RecordAction } from './attendance.policy.js';
import { findVisibleRecord, type RecordWithItem } from './attendance.queries.js';

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
