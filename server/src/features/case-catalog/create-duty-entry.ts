import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findOrganisation } from '../organisations/create-organisation.js';
import { findCategory, findDepartment } from './case-catalog.queries.js';
import type { CreateDutyEntryInput } from './case-catalog.schemas.js';
import { presentEntry, selectEntries } from './duty-matrix.queries.js';

/** Adds an entry for a region subtree the actor administers (`catalog.write` over that region). */
export async function createDutyEntry({ ctx, input }: { ctx: Ctx; input: CreateDutyEntryInput }) {
  const actor = requireActor(ctx);
  authorize(actor, 'catalog.write');
  return withTransaction(ctx, async (tx) => {
    const region = await findRegion(tx.db, tx.tenantId, input.regionId);
    authorize(actor, 'catalog.write', { regionPath: region.path });
    await findCategory(tx.db, tx.tenantId, input.categoryId);
    await findDepartment(tx.db, tx.tenantId, input.departmentId);
    if (input.assetOwnerId) await findOrganisation(tx, input.assetOwnerId);
    const id = newId();
    await tx.db
      .insertInto('dutyMatrix')
      .values({ tenantId: tx.tenantId, id, categoryId: input.categoryId, regionId: region.id, assetOwnerId: input.assetOwnerId ?? null, departmentId: input.departmentId, note: input.note ?? null, createdBy: actor.userId })
      .execute();
    const entry = await selectEntries(tx).where('m.id', '=', id).executeTakeFirstOrThrow();
    await audit(tx, { action: 'duty_matrix.created', targetType: 'duty_matrix', targetId: id, regionId: region.id, after: entry });
    return presentEntry(entry);
  });
}
