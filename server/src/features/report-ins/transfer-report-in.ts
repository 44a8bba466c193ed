import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { authorizeMove, transition } from './report-ins.machine.js';
import { leaveCommunity } from './report-ins.membership.js';
import { findCommunity, findReportIn, holdersOf } from './report-ins.queries.js';
import { startReportIn } from './submit-report-in.js';

/**
 * The member moves (搬家换社区): the current record becomes `transferred` (kept as history) and a new `submitted`
 * one, linked to it, goes to the new community with the same unit, skills and intentions. Both secretaries hear of it.
 */
export async function transferReportIn({ ctx, input }: { ctx: Ctx; input: { id: string; toCommunityId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { record, community: from, standing } = await findReportIn(tx, input.id, { lock: true });
    authorizeMove('transfer', standing);
    const to = await findCommunity(tx.db, tx.tenantId, input.toCommunityId);
    if (to.id === record.communityId) throw invalid('新社区与当前报到社区相同', 'The new community is the current one');
    await transition(tx, record, 'transfer', { set: { endedAt: tx.now() }, data: { toCommunityId: to.id } });
    await leaveCommunity(tx, record);
    const user = await tx.db.selectFrom('users').select('name').where('tenantId', '=', tx.tenantId).where('id', '=', record.userId).executeTakeFirstOrThrow();
    const next = await startReportIn(tx, {
      userId: record.userId,
      userName: user.name,
      community: to,
      unitId: record.unitId,
      skills: record.skills as string[],
      intentions: record.intentions as string[],
      note: record.note,
      transferredFromId: record.id,
    });
    await tx.db.updateTable('reportIns').set({ transferredToId: next.id }).where('tenantId', '=', tx.tenantId).where('id', '=', record.id).execute();
    const secretaries = await holdersOf(tx.db, tx.tenantId, 'community_secretary', { regionPath: from.path });
    if (secretaries.length) {
      await tx.notifier.notify(tx, { userIds: secretaries, kind: 'report_in.transferred', title: '有党员迁出本社区', body: `${user.name} 已转至${to.name}报到`, link: `/report-ins/${record.id}` });
    }
    return next;
  });
}
