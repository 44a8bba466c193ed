import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { approveRecords } from './certify.js';

/**
 * Batch approval (批量认证): all listed records or none (one not pending or out of scope refuses the lot, named by
 * `details.recordId`). Set-based (approveRecords): a page of the queue and the demo's thousands take a few statements.
 */
export async function approveServiceRecords({ ctx, input }: { ctx: Ctx; input: { ids: string[] } }) {
  return withTransaction(ctx, (tx) => approveRecords(tx, input.ids));
}
