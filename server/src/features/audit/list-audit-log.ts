import type { Ctx } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { invalid } from '../../platform/errors.js';
import { authorize, regionScopes, SYSTEM_USER_ID } from '../../platform/policy.js';
import { regionInScope } from '../../platform/scope.js';
import { UUID_PATTERN } from '../../platform/ids.js';
import type { ListAuditLogQuery } from './audit.schemas.js';

const UUID = new RegExp(UUID_PATTERN);

/**
 * The audit trail, newest first (ids are UUIDv7, so id order is time order). An admin sees the entries placed in
 * their region subtree; entries placed nowhere (tenant-level) only an admin of the whole tenant sees.
 */
export async function listAuditLog({ ctx, input }: { ctx: Ctx; input: ListAuditLogQuery }) {
  authorize(ctx.actor, 'audit.read');
  const limit = input.limit ?? 50;
  const before = decodeCursor(input.cursor);
  if (before !== undefined && !UUID.test(before)) throw invalid('分页游标无效', 'Invalid cursor');
  const tenantWide = regionScopes(ctx.actor, 'audit.read').some((p) => p.split('/').filter(Boolean).length <= 1);
  const rows = await ctx.db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'a.tenantId').onRef('u.id', '=', 'a.actorId'))
    .leftJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'a.tenantId').onRef('r.id', '=', 'a.regionId'))
    .select(['a.id', 'a.at', 'a.actorId', 'u.name as actorName', 'a.action', 'a.targetType', 'a.targetId', 'a.regionId', 'r.name as regionName', 'a.before', 'a.after', 'a.ip', 'a.requestId'])
    .where('a.tenantId', '=', ctx.tenantId)
    .where((eb) => eb.or([regionInScope(ctx.tenantId, ctx.actor, 'audit.read', 'a.regionId')(eb), ...(tenantWide ? [eb('a.regionId', 'is', null)] : [])]))
    .$if(!!input.targetType, (q) => q.where('a.targetType', '=', input.targetType!))
    .$if(!!input.targetId, (q) => q.where('a.targetId', '=', input.targetId!))
    .$if(!!input.actorId, (q) => q.where('a.actorId', '=', input.actorId!))
    .$if(!!input.action, (q) => q.where('a.action', '=', input.action!))
    .$if(!!input.from, (q) => q.where('a.at', '>=', new Date(input.from!)))
    .$if(!!input.to, (q) => q.where('a.at', '<', new Date(input.to!)))
    .$if(before !== undefined, (q) => q.where('a.id', '<', before!))
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (row) => row.id);
  return {
    items: page.items.map((row) => ({ ...row, at: row.at.toISOString(), actorName: row.actorName ?? (row.actorId === SYSTEM_USER_ID ? '系统' : null) })),
    nextCursor: page.nextCursor,
  };
}
