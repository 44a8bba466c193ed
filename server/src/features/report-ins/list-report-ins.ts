import type { Ctx } from '../../platform/context.js';
import { pageOf } from '../../platform/http/pagination.js';
import { authorize, authorizeOrHide } from '../../platform/policy.js';
import { regionInScope } from '../../platform/scope.js';
import { findCommunity, idCursor, presentReportIn, selectReportIns } from './report-ins.queries.js';
import type { ListReportInsQuery } from './report-ins.schemas.js';

const PHONE = /^1\d{10}$/;

/** Report-ins of the communities the actor reviews, newest first, phones masked; by community, status, name or phone. */
export async function listReportIns({ ctx, input }: { ctx: Ctx; input: ListReportInsQuery }) {
  authorize(ctx.actor, 'reportin.review');
  const limit = input.limit ?? 50;
  const after = idCursor(input.cursor);
  if (input.communityId) {
    const community = await findCommunity(ctx.db, ctx.tenantId, input.communityId);
    authorizeOrHide(ctx.actor, 'reportin.review', { regionPath: community.path }, '社区');
  }
  const rows = await selectReportIns(ctx.db, ctx.tenantId)
    .where(regionInScope(ctx.tenantId, ctx.actor, 'reportin.review', 'ri.communityId'))
    .$if(!!input.communityId, (q) => q.where('ri.communityId', '=', input.communityId!))
    .$if(!!input.status, (q) => q.where('ri.status', '=', input.status!))
    .$if(!!input.q, (q) => q.where((eb) => eb.or([eb('u.name', 'like', `%${input.q}%`), ...(PHONE.test(input.q!) ? [eb('u.phone', '=', input.q!)] : [])])))
    .$if(!!after, (q) => q.where('ri.id', '<', after!))
    .orderBy('ri.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  const viewer = { userId: ctx.actor?.userId, now: ctx.now() };
  return { items: page.items.map((r) => presentReportIn(r, viewer)), nextCursor: page.nextCursor };
}
