import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { authorizeMove, transition } from './report-ins.machine.js';
import { findReportIn, reconfirmDueFrom } from './report-ins.queries.js';

/** The member re-confirms an active report-in (every six months); the next due date moves on from today. */
export async function reconfirmReportIn({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { record, standing } = await findReportIn(tx, input.id, { lock: true });
    authorizeMove('reconfirm', standing);
    const now = tx.now();
    return transition(tx, record, 'reconfirm', { set: { reconfirmedAt: now, reconfirmDueAt: reconfirmDueFrom(now), reconfirmNotifiedAt: null } });
  });
}
