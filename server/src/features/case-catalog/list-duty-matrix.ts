import type { Ctx } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { findRegion } from '../regions/regions.queries.js';
import type { ListDutyMatrixQuery } from './case-catalog.schemas.js';
import { authorizeMatrixRead, presentEntry, selectEntries } from './duty-matrix.queries.js';

/** Duty-matrix entries by category (a class includes its subcategories), region subtree or department. */
export async function listDutyMatrix({ ctx, input }: { ctx: Ctx; input: ListDutyMatrixQuery }) {
  authorizeMatrixRead(ctx);
  const limit = input.limit ?? 50;
  const after = decodeCursor(input.cursor);
  const under = input.regionId ? await findRegion(ctx.db, ctx.tenantId, input.regionId) : undefined;
  const rows = await selectEntries(ctx)
    .$if(!!input.categoryId, (q) => q.where((eb) => eb.or([eb('m.categoryId', '=', input.categoryId!), eb('k.parentId', '=', input.categoryId!)])))
    .$if(!!under, (q) => q.where('r.path', 'like', `${under!.path}%`))
    .$if(!!input.departmentId, (q) => q.where('m.departmentId', '=', input.departmentId!))
    .$if(!!after, (q) => q.where('m.id', '>', after!))
    .orderBy('m.id')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  return { items: page.items.map(presentEntry), nextCursor: page.nextCursor };
}
