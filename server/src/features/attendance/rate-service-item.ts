import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findVisibleItem } from '../service-items/service-items.queries.js';
import type { RateInput } from './attendance.schemas.js';
import { whyCannotRate } from './ratings.queries.js';

/** A resident served rates a finished service 1–5 with an optional comment, once (ALREADY_EXISTS after). */
export async function rateServiceItem({ ctx, input }: { ctx: Ctx; input: RateInput & { itemId: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const item = await findVisibleItem(tx, input.itemId);
    const why = await whyCannotRate(tx, item, actor.userId);
    if (why) throw new DomainError('FORBIDDEN', { 'zh-CN': why.zh, en: why.en });
    const taken = await tx.db.selectFrom('serviceRatings').select('id').where('tenantId', '=', tx.tenantId).where('itemId', '=', item.id).where('userId', '=', actor.userId).executeTakeFirst();
    if (taken) throw new DomainError('ALREADY_EXISTS', { 'zh-CN': '您已评价过该服务', en: 'You have already rated this service' }, { ratingId: taken.id });
    const rating = await tx.db
      .insertInto('serviceRatings')
      .values({ tenantId: tx.tenantId, id: newId(), itemId: item.id, userId: actor.userId, score: input.score, comment: input.comment?.trim() || null, createdAt: tx.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'service_rating.created', targetType: 'service_rating', targetId: rating.id, regionId: item.communityId, after: { itemId: item.id, score: rating.score, comment: rating.comment } });
    return rating;
  });
}
