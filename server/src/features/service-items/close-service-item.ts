import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { changeItemStatus } from './item-status.js';

/** Stops new claims (停止认领); existing claims and the waitlist stay, so a cancellation still promotes a waiter. */
export async function closeServiceItem({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => (await changeItemStatus(tx, input.id, 'close', { closedAt: tx.now() })).after);
}

/** Opens a closed item for claims again. */
export async function reopenServiceItem({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => (await changeItemStatus(tx, input.id, 'reopen', { closedAt: null })).after);
}
