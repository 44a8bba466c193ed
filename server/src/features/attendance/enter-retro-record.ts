import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { attachFile } from '../files/attach-file.js';
import { loadRecord } from './attendance.queries.js';
import type { RetroInput } from './attendance.schemas.js';
import { loadHoursSettings } from './hours.js';
import { insertStaffRecords, itemForStaffEntry } from './staff-entry.js';

/**
 * 补录: the community worker records one person's service after the fact with a reason and evidence (photos, a
 * stamped sheet) uploaded first through POST /files; the files are attached to the record (owner
 * 'service_record'), readable by the person and the community's workers.
 */
export async function enterRetroRecord({ ctx, input }: { ctx: Ctx; input: RetroInput & { itemId: string } }) {
  const settings = await loadHoursSettings(ctx);
  return withTransaction(ctx, async (tx) => {
    const item = await itemForStaffEntry(tx, input.itemId);
    const [id] = await insertStaffRecords(tx, item, [input], { source: 'retro', note: input.reason.trim(), settings });
    for (const fileId of input.evidenceFileIds) await attachFile({ ctx: tx, input: { fileId, ownerType: 'service_record', ownerId: id!, regionId: item.communityId } });
    return loadRecord(tx.db, tx.tenantId, id!);
  });
}
