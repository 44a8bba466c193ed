import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { can } from '../../platform/policy.js';
import { allowedActions, OPEN_STATUSES, type ReportInStatus } from './report-ins.machine.js';
import { listEvents, presentReportIn, selectReportIns } from './report-ins.queries.js';

const isOpen = (s: ReportInStatus) => (OPEN_STATUSES as readonly ReportInStatus[]).includes(s);

/** The caller's own report-in: the open record (with timeline and actions) and earlier ones, newest first. */
export async function getMyReportIn({ ctx }: { ctx: Ctx }) {
  const actor = requireActor(ctx);
  const rows = await selectReportIns(ctx.db, ctx.tenantId)
    .select('c.path as communityPath')
    .where('ri.userId', '=', actor.userId)
    .orderBy('ri.id', 'desc')
    .execute();
  const viewer = { userId: actor.userId, now: ctx.now() };
  const open = rows.find((r) => isOpen(r.status));
  const current = open
    ? {
        ...presentReportIn(open, viewer),
        events: await listEvents(ctx.db, ctx.tenantId, open.id),
        actions: allowedActions(open.status, { isOwner: true, canReview: can(actor, 'reportin.review', { regionPath: open.communityPath }) }),
      }
    : null;
  return { current, history: rows.filter((r) => r !== open).map((r) => presentReportIn(r, viewer)) };
}
