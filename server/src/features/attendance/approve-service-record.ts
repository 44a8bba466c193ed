import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { certifyRecord } from './certify.js';

/** Certifies one record's hours (Pending → Approved) and settles its points. */
export async function approveServiceRecord({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, (tx) => certifyRecord(tx, input.id, 'approve'));
}
