import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { certifyRecord } from './certify.js';

/** Batch approval (批量认证): all listed records or none (one not pending or out of scope refuses the lot). */
export async function approveServiceRecords({ ctx, input }: { ctx: Ctx; input: { ids: string[] } }) {
  return withTransaction(ctx, async (tx) => {
    const done = [];
    for (const id of [...input.ids].sort()) {
      try {
        done.push(await certifyRecord(tx, id, 'approve'));
      } catch (error) {
        // Name the record that stopped the batch; nothing of the batch is kept.
        if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { recordId: id, ...(error.details as object) });
        throw error;
      }
    }
    return done;
  });
}
