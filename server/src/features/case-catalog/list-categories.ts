import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { pageOf, decodeCursor } from '../../platform/http/pagination.js';
import type { CaseLimitsJson } from '../../db/schema.js';
import { loadCaseSettings } from '../cases/ensure-case-setup.js';
import { findCategory, selectCategories } from './case-catalog.queries.js';
import type { CategoryView, ListCategoriesQuery } from './case-catalog.schemas.js';

type Row = Awaited<ReturnType<ReturnType<typeof selectCategories>['execute']>>[number];

/** Presents categories with the limits in force (own, else the parent's, else the tenant default). */
function present(rows: Row[], parents: Map<string, Row>, defaults: CaseLimitsJson): CategoryView[] {
  return rows.map((r) => {
    const parent = r.parentId ? parents.get(r.parentId) : undefined;
    return { ...r, effectiveLimits: { ...defaults, ...(parent?.limits ?? {}), ...r.limits }, updatedAt: r.updatedAt.toISOString() };
  });
}

async function withParents(ctx: Ctx, rows: Row[]): Promise<Map<string, Row>> {
  const ids = [...new Set(rows.map((r) => r.parentId).filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const parents = await selectCategories(ctx.db, ctx.tenantId).where('k.id', 'in', ids).execute();
  return new Map(parents.map((p) => [p.id, p]));
}

/** The catalogue, ordered by code. Every signed-in person may read it: residents pick a category when reporting. */
export async function listCategories({ ctx, input }: { ctx: Ctx; input: ListCategoriesQuery }) {
  requireActor(ctx);
  const settings = await loadCaseSettings(ctx);
  const limit = input.limit ?? 500;
  const after = decodeCursor(input.cursor);
  const rows = await selectCategories(ctx.db, ctx.tenantId)
    .$if(!input.includeInactive, (q) => q.where('k.active', '=', true))
    .$if(!!input.kind, (q) => q.where('k.kind', '=', input.kind!))
    .$if(!!input.parentId, (q) => q.where('k.parentId', '=', input.parentId!))
    .$if(!!input.q, (q) => q.where((eb) => eb.or([eb('k.name', 'like', `%${input.q}%`), eb('k.code', 'like', `${input.q}%`)])))
    .$if(!!after, (q) => q.where('k.code', '>', after!))
    .orderBy('k.code')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.code);
  return { items: present(page.items, await withParents(ctx, page.items), settings.defaultLimits), nextCursor: page.nextCursor };
}

export async function getCategory({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<CategoryView> {
  requireActor(ctx);
  const settings = await loadCaseSettings(ctx);
  await findCategory(ctx.db, ctx.tenantId, input.id);
  const rows = await selectCategories(ctx.db, ctx.tenantId).where('k.id', '=', input.id).execute();
  return present(rows, await withParents(ctx, rows), settings.defaultLimits)[0]!;
}
