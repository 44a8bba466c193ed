import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { findVisibleOrganisation } from '../organisations/organisations.queries.js';
import { findUserFor } from './users.queries.js';

/** Ends a person's membership of a unit; like adding, it needs the unit in the actor's view. */
export async function removeUserUnit({ ctx, input }: { ctx: Ctx; input: { id: string; unitId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { user } = await findUserFor(tx, input.id, 'user.write');
    const unit = await findVisibleOrganisation(tx, input.unitId);
    const before = await tx.db
      .deleteFrom('userUnits')
      .where('tenantId', '=', tx.tenantId)
      .where('userId', '=', user.id)
      .where('unitId', '=', unit.id)
      .returning(['unitId', 'position'])
      .executeTakeFirst();
    if (!before) throw notFound('单位关系');
    await audit(tx, { action: 'user.unit_removed', targetType: 'user', targetId: user.id, regionId: user.regionId, before });
  });
}
