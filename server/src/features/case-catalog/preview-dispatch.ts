import type { Ctx } from '../../platform/context.js';
import { findRegion } from '../regions/regions.queries.js';
import { findCategory } from './case-catalog.queries.js';
import { authorizeMatrixRead } from './duty-matrix.queries.js';
import { resolveDispatch } from './resolve-dispatch.js';

/** What automatic dispatch would choose for a case of this category, place and asset owner (for the dispatch desk). */
export async function previewDispatch({ ctx, input }: { ctx: Ctx; input: { categoryId: string; regionId: string; assetOwnerId?: string } }) {
  authorizeMatrixRead(ctx);
  const [category, region] = await Promise.all([findCategory(ctx.db, ctx.tenantId, input.categoryId), findRegion(ctx.db, ctx.tenantId, input.regionId)]);
  return resolveDispatch(ctx.db, ctx.tenantId, { categoryPath: category.path, regionPath: region.path, assetOwnerId: input.assetOwnerId });
}
