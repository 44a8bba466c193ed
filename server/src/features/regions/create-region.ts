import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, authorizeOrHide } from '../../platform/policy.js';
import { findRegion } from './regions.queries.js';
import { REGION_KINDS, type CreateRegionInput } from './regions.schemas.js';

const rank = (kind: string) => REGION_KINDS.indexOf(kind as (typeof REGION_KINDS)[number]);

/** Adds a region under a parent the actor administers; the child's kind must be below the parent's. */
export async function createRegion({ ctx, input }: { ctx: Ctx; input: CreateRegionInput }) {
  return withTransaction(ctx, async (tx) => {
    const parent = await findRegion(tx.db, tx.tenantId, input.parentId);
    authorizeOrHide(tx.actor, 'region.write', { regionPath: parent.path }, '上级区域');
    if (rank(input.kind) <= rank(parent.kind)) {
      throw invalid(`${input.kind} 不能作为 ${parent.kind} 的下级`, `A ${input.kind} cannot sit under a ${parent.kind}`);
    }
    const id = newId();
    const region = await tx.db
      .insertInto('regions')
      .values({ tenantId: tx.tenantId, id, parentId: parent.id, kind: input.kind, code: input.code, name: input.name, path: `${parent.path}${id}/`, depth: parent.depth + 1, lat: input.lat ?? null, lng: input.lng ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'region.created', targetType: 'region', targetId: id, regionId: id, after: region });
    return region;
  });
}

/** The tenant's root region (prefecture). Only the system actor creates roots (tenant set-up, demo, CLI). */
export async function createRootRegion({ ctx, input }: { ctx: Ctx; input: Omit<CreateRegionInput, 'parentId'> }) {
  authorize(ctx.actor, 'region.write', { regionPath: '/' });
  return withTransaction(ctx, async (tx) => {
    const id = newId();
    const region = await tx.db
      .insertInto('regions')
      .values({ tenantId: tx.tenantId, id, parentId: null, kind: input.kind, code: input.code, name: input.name, path: `/${id}/`, depth: 0, lat: input.lat ?? null, lng: input.lng ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'region.created', targetType: 'region', targetId: id, regionId: id, after: region });
    return region;
  });
}
