import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { certifyRecord } from './certify.js';

/** Declines one record (Pending → Declined, never deleted) with a reason the person is told. */
export async function declineServiceRecord({ ctx, input }: { ctx: Ctx; input: { id: string; reason: string } }) {
  return withTransaction(ctx, (tx) => certifyRecord(tx, input.id, 'decline', input.reason));
}
