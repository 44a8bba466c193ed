import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { findVisibleItem, iso } from '../service-items/service-items.queries.js';
import { whyCannotRate } from './ratings.queries.js';

/** The rating summary of an item: count, average, histogram and the latest comments, anonymous; plus my own. */
export async function getServiceItemRatings({ ctx, input }: { ctx: Ctx; input: { itemId: string } }) {
  const actor = requireActor(ctx);
  const item = await findVisibleItem(ctx, input.itemId);
  const base = ctx.db.selectFrom('serviceRatings').where('tenantId', '=', ctx.tenantId).where('itemId', '=', item.id);
  const [groups, recent, mine] = await Promise.all([
    base.select(['score']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('score').execute(),
    base.select(['score', 'comment', 'createdAt']).orderBy('id', 'desc').limit(20).execute(),
    base.selectAll().where('userId', '=', actor.userId).executeTakeFirst(),
  ]);
  const histogram = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<1 | 2 | 3 | 4 | 5, number>;
  for (const g of groups) histogram[g.score as 1] = Number(g.n);
  const count = Object.values(histogram).reduce((a, b) => a + b, 0);
  const sum = Object.entries(histogram).reduce((a, [score, n]) => a + Number(score) * n, 0);
  return {
    count,
    average: count ? Math.round((sum / count) * 10) / 10 : null,
    histogram,
    recent: recent.map((r) => ({ score: r.score, comment: r.comment, createdAt: iso(r.createdAt) })),
    mine: mine ? { id: mine.id, itemId: mine.itemId, score: mine.score, comment: mine.comment, createdAt: iso(mine.createdAt) } : null,
    canRate: !mine && (await whyCannotRate(ctx, item, actor.userId)) === null,
  };
}
