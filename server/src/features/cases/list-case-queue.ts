import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { grantsFor, orgScopes } from '../../platform/policy.js';
import { orgInScope, regionInScope } from '../../platform/scope.js';
import { selectCaseViews } from './cases.queries.js';
import { presentCases } from './present-case.js';

const NO_DUE = '~';

/**
 * A handler's work queue, most urgent deadline first: cases led by their departments (or, for the dispatch desk of
 * a subdistrict, cases dispatched to the subdistrict under 属地兜底) whose sign or handle clock is running, and
 * suspended ones (挂账) after them.
 */
export async function listCaseQueue({ ctx, input }: { ctx: Ctx; input: { limit?: number; cursor?: string } }) {
  const actor = requireActor(ctx);
  const limit = input.limit ?? 50;
  const cursor = decodeCursor(input.cursor);
  const [dueKey, idKey] = cursor ? cursor.split('|') : [];
  if (cursor && (!dueKey || !idKey)) throw invalid('分页游标无效', 'Invalid cursor');
  const dispatchPaths = grantsFor(actor, 'case.dispatch').filter((g) => g.regionId).map((g) => g.scopePath);
  if (orgScopes(actor, 'case.handle').length === 0 && dispatchPaths.length === 0) return { items: [], nextCursor: null };
  const rows = await selectCaseViews(ctx.db, ctx.tenantId)
    .where((eb) =>
      eb.or([
        orgInScope(ctx.tenantId, actor, 'case.handle', 'c.leadDepartmentId')(eb),
        ...(dispatchPaths.length
          ? [
              eb.and([
                eb('c.leadDepartmentId', 'is', null),
                regionInScope(ctx.tenantId, actor, 'case.dispatch', 'c.regionId')(eb),
                eb('rr.kind', '=', 'subdistrict'),
                eb.or(dispatchPaths.map((p) => sql<boolean>`${p} like rr.path || '%'`)),
              ]),
            ]
          : []),
      ]),
    )
    .where((eb) => eb.or([eb('c.clock', 'in', ['sign', 'handle']), eb('c.pausedClock', 'is not', null)]))
    .$if(!!cursor, (q) =>
      q.where((eb) =>
        dueKey === NO_DUE
          ? eb.and([eb('c.dueAt', 'is', null), eb('c.id', '>', idKey!)])
          : eb.or([eb('c.dueAt', '>', new Date(dueKey!)), eb.and([eb('c.dueAt', '=', new Date(dueKey!)), eb('c.id', '>', idKey!)]), eb('c.dueAt', 'is', null)]),
      ),
    )
    .orderBy(sql`c.due_at asc nulls last`)
    .orderBy('c.id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(`${last.dueAt ? last.dueAt.toISOString() : NO_DUE}|${last.id}`) : null;
  return { items: await presentCases(ctx, items), nextCursor };
}
