import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { authorizeMove, transition } from './report-ins.machine.js';
import { findReportIn } from './report-ins.queries.js';

/** The community returns a submitted report-in with a reason; the member edits it and resubmits. */
export async function returnReportIn({ ctx, input }: { ctx: Ctx; input: { id: string; reason: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { record, community, standing } = await findReportIn(tx, input.id, { lock: true });
    authorizeMove('return', standing);
    await transition(tx, record, 'return', { set: { returnReason: input.reason }, note: input.reason });
    await tx.notifier.notify(tx, {
      userIds: [record.userId],
      kind: 'report_in.returned',
      title: '报到被退回，请修改后重新提交',
      body: `${community.name}：${input.reason}`,
      link: `/report-ins/${record.id}`,
    });
  });
}
