import type { Ctx } from '../../platform/context.js';
import type { Recipient } from './case-type.js';
import { departmentHandlers, regionRoleHolders } from './cases.queries.js';

/** A case as far as telling people about it goes. */
export interface CaseAddress {
  id: string;
  reporterId: string;
  regionPath: string;
  leadDepartmentPath: string | null;
  responsibleRegionPath: string | null;
  coHandlerPaths: string[];
}

/**
 * The people behind each recipient word of a type: the lead department's handlers (or, for a 属地兜底 case, the
 * subdistrict's dispatch desk), the co-handlers', the reporter, the nearest dispatch desk over the case's region
 * (the deepest dispatcher grants covering it), and its supervisors (leaders and dispatchers, nearest first).
 */
export async function recipientsOf(ctx: Ctx, c: CaseAddress, who: readonly Recipient[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const r of who) {
    let found: string[] = [];
    if (r === 'reporter') found = [c.reporterId];
    if (r === 'handler') {
      found = c.leadDepartmentPath
        ? await departmentHandlers(ctx.db, ctx.tenantId, c.leadDepartmentPath)
        : c.responsibleRegionPath
          ? await regionRoleHolders(ctx.db, ctx.tenantId, ['dispatcher'], { regionPath: c.regionPath, deepestOnly: true })
          : [];
    }
    if (r === 'co_handlers') for (const p of c.coHandlerPaths) found.push(...(await departmentHandlers(ctx.db, ctx.tenantId, p)));
    if (r === 'dispatchers') found = await regionRoleHolders(ctx.db, ctx.tenantId, ['dispatcher'], { regionPath: c.regionPath, deepestOnly: true });
    if (r === 'supervisors') found = await regionRoleHolders(ctx.db, ctx.tenantId, ['leader', 'dispatcher'], { regionPath: c.regionPath, deepestOnly: true });
    found.forEach((id) => ids.add(id));
  }
  return [...ids];
}

export async function notifyCase(ctx: Ctx, c: CaseAddress, who: readonly Recipient[], message: { kind: string; title: string; body?: string }) {
  const actorId = ctx.actor?.userId;
  const userIds = (await recipientsOf(ctx, c, who)).filter((id) => id !== actorId);
  if (userIds.length) await ctx.notifier.notify(ctx, { userIds, ...message, link: `/cases/${c.id}` });
}

export const addressOf = (c: { row: { id: string; reporterId: string }; region: { path: string }; leadDepartment: { path: string } | null; responsibleRegion: { path: string } | null; coHandlers: Array<{ path: string }> }): CaseAddress => ({
  id: c.row.id,
  reporterId: c.row.reporterId,
  regionPath: c.region.path,
  leadDepartmentPath: c.leadDepartment?.path ?? null,
  responsibleRegionPath: c.responsibleRegion?.path ?? null,
  coHandlerPaths: c.coHandlers.map((h) => h.path),
});
