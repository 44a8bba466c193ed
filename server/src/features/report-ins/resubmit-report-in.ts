import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { authorizeMove, transition } from './report-ins.machine.js';
import { findCommunity, findMemberUnit, findReportIn, holdersOf } from './report-ins.queries.js';
import type { ResubmitReportInInput } from './report-ins.schemas.js';

/** The member corrects a returned report-in (any field, the community too) and submits it again. */
export async function resubmitReportIn({ ctx, input }: { ctx: Ctx; input: { id: string; changes: ResubmitReportInInput } }) {
  return withTransaction(ctx, async (tx) => {
    const { record, standing } = await findReportIn(tx, input.id, { lock: true });
    authorizeMove('resubmit', standing);
    const c = input.changes;
    const community = await findCommunity(tx.db, tx.tenantId, c.communityId ?? record.communityId);
    if (c.unitId) await findMemberUnit(tx.db, tx.tenantId, record.userId, c.unitId);
    const after = await transition(tx, record, 'resubmit', {
      set: {
        communityId: community.id,
        unitId: c.unitId ?? record.unitId,
        ...(c.skills ? { skills: JSON.stringify(c.skills) } : {}),
        ...(c.intentions ? { intentions: JSON.stringify(c.intentions) } : {}),
        ...(c.note !== undefined ? { note: c.note } : {}),
        submittedAt: tx.now(),
      },
      data: c,
    });
    const secretaries = await holdersOf(tx.db, tx.tenantId, 'community_secretary', { regionPath: community.path });
    if (secretaries.length) {
      await tx.notifier.notify(tx, { userIds: secretaries, kind: 'report_in.submitted', title: '有党员重新提交报到，待确认', body: `${community.name}`, link: `/report-ins/${after.id}` });
    }
    return after;
  });
}
