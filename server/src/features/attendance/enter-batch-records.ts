import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { selectRecords } from './attendance.queries.js';
import type { BatchInput } from './attendance.schemas.js';
import { loadHoursSettings } from './hours.js';
import { insertStaffRecords, itemForStaffEntry } from './staff-entry.js';

/** 团体录入: the community worker enters many people's times at once (paper sign-in sheets, offline sites). */
export async function enterBatchRecords({ ctx, input }: { ctx: Ctx; input: BatchInput & { itemId: string } }) {
  const settings = await loadHoursSettings(ctx);
  return withTransaction(ctx, async (tx) => {
    const item = await itemForStaffEntry(tx, input.itemId);
    const ids = await insertStaffRecords(tx, item, input.entries, { source: 'batch', note: input.note?.trim() || null, settings });
    // The item and the people are named too: the planner then joins by primary key, not by scanning the tenant.
    return selectRecords(tx.db, tx.tenantId)
      .where('r.id', 'in', ids)
      .where('i.id', '=', item.id)
      .where('u.id', 'in', input.entries.map((e) => e.userId))
      .orderBy('r.id')
      .execute();
  });
}
