import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';
import { findVisibleOrganisation } from '../organisations/organisations.queries.js';
import { findUserFor } from './users.queries.js';

/** Records that a person belongs to a unit (or Party organisation, department) the actor can see. */
export async function addUserUnit({ ctx, input }: { ctx: Ctx; input: { id: string; unitId: string; position?: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { user } = await findUserFor(tx, input.id, 'user.write');
    const unit = await findVisibleOrganisation(tx, input.unitId);
    const link = await tx.db
      .insertInto('userUnits')
      .values({ tenantId: tx.tenantId, userId: user.id, unitId: unit.id, position: input.position ?? null })
      .onConflict((oc) => oc.doNothing())
      .returning(['unitId', 'position'])
      .executeTakeFirst();
    if (!link) throw conflict('此人已在该单位', 'The person already belongs to this unit');
    await audit(tx, { action: 'user.unit_added', targetType: 'user', targetId: user.id, regionId: user.regionId, after: link });
    return { id: unit.id, name: unit.name, kind: unit.kind, position: link.position };
  });
}
