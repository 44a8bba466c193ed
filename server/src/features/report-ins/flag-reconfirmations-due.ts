import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { regionScopes } from '../../platform/policy.js';
import { regionInScope } from '../../platform/scope.js';
import { holdersOf } from './report-ins.queries.js';

/**
 * Periodic re-confirmation (every six months): marks the active report-ins that have fallen due and tells each
 * member and, per community, its secretaries. A record is flagged once per due date (reconfirm_notified_at), so the
 * job may run as often as it likes and catches up after downtime. Runs over the actor's `reportin.review` scope
 * (the scheduler's system actor: everything).
 */
export async function flagReconfirmationsDue({ ctx, input }: { ctx: Ctx; input: { now: Date } }) {
  if (regionScopes(ctx.actor, 'reportin.review').length === 0) throw new DomainError('FORBIDDEN');
  return withTransaction(ctx, async (tx) => {
    const due = await tx.db
      .updateTable('reportIns')
      .set({ reconfirmNotifiedAt: input.now })
      .where('tenantId', '=', tx.tenantId)
      .where('status', '=', 'active')
      .where('reconfirmDueAt', '<=', input.now)
      .where('reconfirmNotifiedAt', 'is', null)
      .where(regionInScope(tx.tenantId, tx.actor, 'reportin.review', 'communityId'))
      .returning(['id', 'userId', 'communityId'])
      .execute();
    if (due.length === 0) return { flagged: 0 };
    for (const r of due) {
      await tx.notifier.notify(tx, { userIds: [r.userId], kind: 'report_in.reconfirm_due', title: '请复核确认您的社区报到信息', body: '报到满六个月，请确认报到社区、网格和服务意向是否仍然准确', link: `/report-ins/${r.id}` });
    }
    const byCommunity = new Map<string, number>();
    for (const r of due) byCommunity.set(r.communityId, (byCommunity.get(r.communityId) ?? 0) + 1);
    const communities = await tx.db.selectFrom('regions').select(['id', 'name', 'path']).where('tenantId', '=', tx.tenantId).where('id', 'in', [...byCommunity.keys()]).execute();
    for (const c of communities) {
      const secretaries = await holdersOf(tx.db, tx.tenantId, 'community_secretary', { regionPath: c.path });
      if (secretaries.length) {
        await tx.notifier.notify(tx, { userIds: secretaries, kind: 'report_in.reconfirm_due', title: '有党员报到到期待复核', body: `${c.name}：${byCommunity.get(c.id)} 名党员的报到已满六个月`, link: `/report-ins?communityId=${c.id}&status=active` });
      }
    }
    await audit(tx, { action: 'report_in.reconfirm_flagged', targetType: 'report_in', after: { count: due.length, communities: Object.fromEntries(byCommunity) } });
    return { flagged: due.length };
  });
}
