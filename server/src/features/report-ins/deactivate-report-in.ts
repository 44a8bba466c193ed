import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { authorizeMove, transition } from './report-ins.machine.js';
import { leaveCommunity } from './report-ins.membership.js';
import { findReportIn, holdersOf } from './report-ins.queries.js';

/**
 * Ends a report-in without a new one (退休/调离, or the member withdraws): by the member or the community. The other
 * party is told.
 */
export async function deactivateReportIn({ ctx, input }: { ctx: Ctx; input: { id: string; reason: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { record, community, standing } = await findReportIn(tx, input.id, { lock: true });
    authorizeMove('deactivate', standing);
    await transition(tx, record, 'deactivate', { set: { endedAt: tx.now(), endReason: input.reason }, note: input.reason });
    await leaveCommunity(tx, record);
    const userIds = standing.isOwner ? await holdersOf(tx.db, tx.tenantId, 'community_secretary', { regionPath: community.path }) : [record.userId];
    if (userIds.length) {
      await tx.notifier.notify(tx, { userIds, kind: 'report_in.deactivated', title: '报到已停止', body: `${community.name}：${input.reason}`, link: `/report-ins/${record.id}` });
    }
  });
}
