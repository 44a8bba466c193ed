import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { selectEntries } from './duty-matrix.queries.js';

/** Removes an entry of a region the actor administers (entries are readable by every desk, so others get 403). */
export async function deleteDutyEntry({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const actor = requireActor(ctx);
  authorize(actor, 'catalog.write');
  return withTransaction(ctx, async (tx) => {
    const entry = await selectEntries(tx).select('r.path as regionPath').where('m.id', '=', input.id).executeTakeFirst();
    if (!entry) throw notFound('责任矩阵条目');
    authorize(actor, 'catalog.write', { regionPath: entry.regionPath });
    await tx.db.deleteFrom('dutyMatrix').where('tenantId', '=', tx.tenantId).where('id', '=', input.id).execute();
    const { regionPath: _path, ...before } = entry;
    await audit(tx, { action: 'duty_matrix.deleted', targetType: 'duty_matrix', targetId: input.id, regionId: entry.regionId, before });
  });
}
