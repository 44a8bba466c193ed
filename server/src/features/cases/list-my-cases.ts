import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { pageOf } from '../../platform/http/pagination.js';
import { idCursor } from '../report-ins/report-ins.queries.js';
import { selectCaseViews } from './cases.queries.js';
import { presentCases } from './present-case.js';

/** The cases I reported (随手拍 → 我的上报), newest first. */
export async function listMyCases({ ctx, input }: { ctx: Ctx; input: { limit?: number; cursor?: string } }) {
  const actor = requireActor(ctx);
  const limit = input.limit ?? 50;
  const after = idCursor(input.cursor);
  const rows = await selectCaseViews(ctx.db, ctx.tenantId)
    .where('c.reporterId', '=', actor.userId)
    .$if(!!after, (q) => q.where('c.id', '<', after!))
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  return { items: await presentCases(ctx, page.items), nextCursor: page.nextCursor };
}
