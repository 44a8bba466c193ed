import type { Ctx } from '../../platform/context.js';
import { allowedActions } from './report-ins.machine.js';
import { findReportIn, listEvents, presentReportIn, selectReportIns } from './report-ins.queries.js';

/** One report-in the actor may see (their own, their community's, their unit's), with its timeline and the actions open to them. */
export async function getReportIn({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const { record, standing } = await findReportIn(ctx, input.id);
  const [row, events] = await Promise.all([selectReportIns(ctx.db, ctx.tenantId).where('ri.id', '=', record.id).executeTakeFirstOrThrow(), listEvents(ctx.db, ctx.tenantId, record.id)]);
  return { ...presentReportIn(row, { userId: ctx.actor?.userId, now: ctx.now() }), events, actions: allowedActions(record.status, standing) };
}
