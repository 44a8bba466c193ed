import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { changeItemsStatus } from './item-status.js';

/**
 * The batch form of publishServiceItem (a community publishing next week's schedule, 每周服务清单): each draft as
 * publishServiceItem would publish it — same checks, status, published_at and audit entry — in a few statements.
 * All or nothing; the first failing id is named by `details.index`.
 */
export async function publishServiceItems({ ctx, input }: { ctx: Ctx; input: { ids: string[] } }) {
  return withTransaction(ctx, async (tx) => (await changeItemsStatus(tx, input.ids, 'publish', { publishedAt: tx.now() })).map((m) => m.after));
}
