import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findVisibleOrganisation, orgTarget } from './organisations.queries.js';
import type { UpdateOrganisationInput } from './organisations.schemas.js';

/**
 * Changes an organisation's name, codes, contact or region; moving it to another region needs rights there too.
 * Its place in the organisation tree is fixed: role grants hold that path.
 */
export async function updateOrganisation({ ctx, input }: { ctx: Ctx; input: { id: string; changes: UpdateOrganisationInput } }) {
  return withTransaction(ctx, async (tx) => {
    const current = await findVisibleOrganisation(tx, input.id);
    authorize(tx.actor, 'org.write', orgTarget(current));
    if (input.changes.regionId && input.changes.regionId !== current.regionId) {
      const region = await findRegion(tx.db, tx.tenantId, input.changes.regionId);
      authorize(tx.actor, 'org.write', { regionPath: region.path });
    }
    const before = await tx.db.selectFrom('organisations').selectAll().where('tenantId', '=', tx.tenantId).where('id', '=', input.id).executeTakeFirstOrThrow();
    const after = await tx.db
      .updateTable('organisations')
      .set({ ...input.changes, updatedAt: tx.now() })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'organisation.updated', targetType: 'organisation', targetId: input.id, regionId: after.regionId, before, after });
    return after;
  });
}
