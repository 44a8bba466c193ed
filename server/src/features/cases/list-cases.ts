import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { pageOf } from '../../platform/http/pagination.js';
import { idCursor } from '../report-ins/report-ins.queries.js';
import { findRegion } from '../regions/regions.queries.js';
import { findDepartment } from '../case-catalog/case-catalog.queries.js';
import { caseVisible, selectCaseViews } from './cases.queries.js';
import type { ListCasesQuery } from './cases.schemas.js';
import { presentCases } from './present-case.js';

/**
 * Cases the actor may see (caseVisible: own reports, their regions' cases, their departments' cases), newest
 * first, filtered by status, category (a class includes its subcategories), region subtree, lead department
 * subtree, overdue (the running clock is past its deadline), mine (reported by me) and text.
 */
export async function listCases({ ctx, input }: { ctx: Ctx; input: ListCasesQuery }) {
  requireActor(ctx);
  const limit = input.limit ?? 50;
  const after = idCursor(input.cursor);
  const now = ctx.now();
  const region = input.regionId ? await findRegion(ctx.db, ctx.tenantId, input.regionId) : undefined;
  const department = input.departmentId ? await findDepartment(ctx.db, ctx.tenantId, input.departmentId) : undefined;
  const rows = await selectCaseViews(ctx.db, ctx.tenantId)
    .where(caseVisible(ctx))
    .$if(!!input.status, (q) => q.where('c.status', '=', input.status!))
    .$if(!!input.categoryId, (q) => q.where((eb) => eb.or([eb('c.categoryId', '=', input.categoryId!), eb('k.parentId', '=', input.categoryId!)])))
    .$if(!!region, (q) => q.where('c.regionId', 'in', (eb) => eb.selectFrom('regions').select('id').where('tenantId', '=', ctx.tenantId).where('path', 'like', `${region!.path}%`)))
    .$if(!!department, (q) => q.where('c.leadDepartmentId', 'in', (eb) => eb.selectFrom('organisations').select('id').where('tenantId', '=', ctx.tenantId).where('path', 'like', `${department!.path}%`)))
    .$if(input.overdue === true, (q) => q.where('c.dueAt', '<', now))
    .$if(input.overdue === false, (q) => q.where((eb) => eb.or([eb('c.dueAt', 'is', null), eb('c.dueAt', '>=', now)])))
    .$if(!!input.mine, (q) => q.where('c.reporterId', '=', ctx.actor!.userId))
    .$if(!!input.q, (q) => q.where((eb) => eb.or([eb('c.description', 'like', `%${input.q}%`), eb('c.address', 'like', `%${input.q}%`)])))
    .$if(!!after, (q) => q.where('c.id', '<', after!))
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  return { items: await presentCases(ctx, page.items), nextCursor: page.nextCursor };
}
