import type { Ctx } from '../../platform/context.js';
import { HOLDS_PLACE } from '../service-items/service-items.policy.js';
import type { ItemRow } from '../service-items/service-items.queries.js';

/**
 * Who rates a service (群众评价): a resident of the item's community — home region inside it, or linked to it as
 * a resident — who did not serve on it (held no place), once the item has ended and unless it was cancelled.
 * Returns the reason they may not, or null.
 */
export async function whyCannotRate(ctx: Ctx, item: ItemRow, userId: string): Promise<{ zh: string; en: string } | null> {
  if (item.status === 'draft' || item.status === 'cancelled') return { zh: '该服务未举行，不能评价', en: 'The service did not take place' };
  if (ctx.now() < item.endsAt) return { zh: '服务结束后才能评价', en: 'Rate the service after it ends' };
  const [resident, served] = await Promise.all([
    ctx.db
      .selectFrom('users as u')
      .leftJoin('regions as home', (j) => j.onRef('home.tenantId', '=', 'u.tenantId').onRef('home.id', '=', 'u.regionId'))
      .select('u.id')
      .where('u.tenantId', '=', ctx.tenantId)
      .where('u.id', '=', userId)
      .where((eb) =>
        eb.or([
          eb('home.path', 'like', `${item.communityPath}%`),
          eb.exists(
            eb
              .selectFrom('userCommunities as uc')
              .select('uc.userId')
              .whereRef('uc.tenantId', '=', 'u.tenantId')
              .whereRef('uc.userId', '=', 'u.id')
              .where('uc.communityId', '=', item.communityId)
              .where('uc.relation', '=', 'resident'),
          ),
        ]),
      )
      .executeTakeFirst(),
    ctx.db.selectFrom('serviceClaims').select('id').where('tenantId', '=', ctx.tenantId).where('itemId', '=', item.id).where('userId', '=', userId).where('status', 'in', HOLDS_PLACE).executeTakeFirst(),
  ]);
  if (!resident) return { zh: `仅${item.communityName}的居民可以评价该服务`, en: 'Only residents of the community may rate this service' };
  if (served) return { zh: '参与服务的志愿者不能评价自己参与的服务', en: 'Volunteers of the service cannot rate it' };
  return null;
}
