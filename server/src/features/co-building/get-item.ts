import type { Ctx } from '../../platform/context.js';
import { itemActions } from './co-building.machine.js';
import { findItem, inForce, presentItem, selectItems } from './co-building.queries.js';

/** One list item of an agreement the actor is a side of, with the actions open to them. */
export async function getItem({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const { item, agreement, sides } = await findItem(ctx, input.id);
  const row = await selectItems(ctx.db, ctx.tenantId).where('i.id', '=', item.id).executeTakeFirstOrThrow();
  return { ...presentItem(row), actions: itemActions(item.status, sides, item.side, inForce(agreement, ctx.now())) };
}
