import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { changeItemStatus } from './item-status.js';

/**
 * Publishes a draft: from now on every signed-in person of the tenant sees it and may claim it until it starts.
 * An item whose start has passed may still be published, for staff batch/retro entry of what already happened.
 */
export async function publishServiceItem({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => (await changeItemStatus(tx, input.id, 'publish', { publishedAt: tx.now() })).after);
}
