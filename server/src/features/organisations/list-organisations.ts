import type { Ctx } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { invalid } from '../../platform/errors.js';
import { maskPhone } from '../../platform/pii.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { orgVisible, selectOrganisations } from './organisations.queries.js';
import type { ListOrganisationsQuery } from './organisations.schemas.js';

/** Cursor of a list ordered by (name, id). */
export const nameCursor = (row: { name: string; id: string }) => JSON.stringify([row.name, row.id]);

export function parseNameCursor(cursor: string | undefined): [string, string] | undefined {
  const raw = decodeCursor(cursor);
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // falls through to the validation error
  }
  throw invalid('分页游标无效', 'Invalid cursor');
}

/** Organisations the actor may read, by name, contact phones masked; filters by kind, exact region, region subtree and name/code. */
export async function listOrganisations({ ctx, input }: { ctx: Ctx; input: ListOrganisationsQuery }) {
  authorize(ctx.actor, 'org.read');
  const limit = input.limit ?? 50;
  const after = parseNameCursor(input.cursor);
  const under = input.under ? await findRegion(ctx.db, ctx.tenantId, input.under) : undefined;
  const rows = await selectOrganisations(ctx.db, ctx.tenantId)
    .where(orgVisible(ctx.tenantId, ctx.actor, 'org.read', 'o.id'))
    .$if(!!input.kind, (q) => q.where('o.kind', '=', input.kind!))
    .$if(!!input.regionId, (q) => q.where('o.regionId', '=', input.regionId!))
    .$if(!!under, (q) => q.where('r.path', 'like', `${under!.path}%`))
    .$if(!!input.q, (q) => q.where((eb) => eb.or([eb('o.name', 'like', `%${input.q}%`), eb('o.code', 'like', `${input.q}%`)])))
    .$if(!!after, (q) => q.where(({ eb, refTuple, tuple }) => eb(refTuple('o.name', 'o.id'), '>', tuple(after![0], after![1]))))
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, nameCursor);
  return { items: page.items.map((o) => ({ ...o, contactPhone: o.contactPhone && maskPhone(o.contactPhone) })), nextCursor: page.nextCursor };
}
