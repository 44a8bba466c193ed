import type { Ctx } from '../../platform/context.js';
import { presentFile, selectFilesOf } from '../files/files.queries.js';
import { findVisibleRecord, presentRecord } from './attendance.queries.js';

/** One record with its evidence files, for its person and the community's workers. */
export async function getServiceRecord({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const record = await findVisibleRecord(ctx, input.id);
  const files = await selectFilesOf(ctx.db, ctx.tenantId, 'service_record', record.id).execute();
  return { ...presentRecord(record), evidence: files.map(presentFile) };
}
