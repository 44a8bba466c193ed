import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { findRegion, idsOfPath, selectRegions } from './regions.queries.js';
import type { ListRegionsQuery } from './regions.schemas.js';

/**
 * The region tree is the tenant's public directory (names and codes of places, needed by every picker);
 * records attached to regions are what scopes protect. See docs/ARCHITECTURE.md.
 */
export async function listRegions({ ctx, input }: { ctx: Ctx; input: ListRegionsQuery }) {
  requireActor(ctx);
  const limit = input.limit ?? 50;
  const after = decodeCursor(input.cursor);
  const under = input.under ? await findRegion(ctx.db, ctx.tenantId, input.under) : undefined;
  const rows = await selectRegions(ctx.db, ctx.tenantId)
    .$if(!input.under && !input.q && !input.kind, (q) => (input.parentId ? q.where('r.parentId', '=', input.parentId) : q.where('r.parentId', 'is', null)))
    .$if(!!input.parentId && !!(input.q || input.kind), (q) => q.where('r.parentId', '=', input.parentId!))
    .$if(!!under, (q) => q.where('r.path', 'like', `${under!.path}%`).where('r.id', '!=', under!.id))
    .$if(!!input.kind, (q) => q.where('r.kind', '=', input.kind!))
    .$if(!!input.q, (q) => q.where((eb) => eb.or([eb('r.name', 'like', `%${input.q}%`), eb('r.code', 'like', `${input.q}%`)])))
    .$if(!!after, (q) => q.where('r.code', '>', after!))
    .orderBy('r.code')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, (r) => r.code);
}

export async function getRegion({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  requireActor(ctx);
  const region = await selectRegions(ctx.db, ctx.tenantId).where('r.id', '=', input.id).executeTakeFirst();
  if (!region) await findRegion(ctx.db, ctx.tenantId, input.id); // throws NOT_FOUND
  const ancestorIds = idsOfPath(region!.path).slice(0, -1);
  const ancestors = ancestorIds.length
    ? await ctx.db.selectFrom('regions').select(['id', 'name', 'kind', 'depth']).where('tenantId', '=', ctx.tenantId).where('id', 'in', ancestorIds).orderBy('depth').execute()
    : [];
  return { ...region!, ancestors: ancestors.map(({ id, name, kind }) => ({ id, name, kind })) };
}
