import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { findRegion } from '../regions/regions.queries.js';
import { authorizeMove, transition } from './report-ins.machine.js';
import { joinCommunity } from './report-ins.membership.js';
import { findReportIn, reconfirmDueFrom } from './report-ins.queries.js';

/**
 * The community confirms a report-in: assigns a grid under the community and a service team; the record becomes
 * active, due for re-confirmation in six months; the member is linked to the community and holds `member` there.
 */
export async function confirmReportIn({ ctx, input }: { ctx: Ctx; input: { id: string; gridId: string; serviceTeam: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const { record, community, standing } = await findReportIn(tx, input.id, { lock: true });
    authorizeMove('confirm', standing);
    const grid = await findRegion(tx.db, tx.tenantId, input.gridId);
    if (grid.kind !== 'grid' || !grid.path.startsWith(community.path)) throw invalid('网格须在报到社区之下', 'The grid must lie in the community');
    const now = tx.now();
    const active = await transition(tx, record, 'confirm', {
      set: { gridId: grid.id, serviceTeam: input.serviceTeam, confirmedAt: now, confirmedBy: actor.userId, reconfirmDueAt: reconfirmDueFrom(now), reconfirmNotifiedAt: null },
      data: { gridId: grid.id, serviceTeam: input.serviceTeam },
    });
    const memberGrantId = await joinCommunity(tx, active);
    if (memberGrantId) await tx.db.updateTable('reportIns').set({ memberGrantId }).where('tenantId', '=', tx.tenantId).where('id', '=', record.id).execute();
    await tx.notifier.notify(tx, {
      userIds: [record.userId],
      kind: 'report_in.confirmed',
      title: '报到已确认',
      body: `${community.name}已确认您的报到：${grid.name}，${input.serviceTeam}服务队`,
      link: `/report-ins/${record.id}`,
    });
  });
}
