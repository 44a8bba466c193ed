import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { isoOrNull, iso, presentClaim } from './service-items.queries.js';
import type { MyClaimsQuery } from './service-items.schemas.js';

/**
 * My services (我的服务), newest claim first: upcoming (placed, item live and not ended), waitlisted, done
 * (attended, no-show, or the item ended/completed), or all of them; cancelled claims are left out.
 */
export async function listMyClaims({ ctx, input }: { ctx: Ctx; input: MyClaimsQuery }) {
  const actor = requireActor(ctx);
  const limit = input.limit ?? 50;
  const view = input.view ?? 'all';
  const after = decodeCursor(input.cursor);
  const now = ctx.now();
  const rows = await ctx.db
    .selectFrom('serviceClaims as sc')
    .innerJoin('serviceItems as i', (j) => j.onRef('i.tenantId', '=', 'sc.tenantId').onRef('i.id', '=', 'sc.itemId'))
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'i.tenantId').onRef('c.id', '=', 'i.communityId'))
    .leftJoin('serviceRecords as r', (j) => j.onRef('r.tenantId', '=', 'sc.tenantId').onRef('r.claimId', '=', 'sc.id').on('r.status', '!=', 'declined'))
    .selectAll('sc')
    .select(['i.title', 'i.category', 'c.name as communityName', 'i.placeName', 'i.startsAt', 'i.endsAt', 'i.status as itemStatus'])
    .select(['r.id as recordId', 'r.status as recordStatus', 'r.checkInAt', 'r.checkOutAt', 'r.creditedMinutes'])
    .select((eb) =>
      eb
        .case()
        .when('sc.status', '=', 'waitlisted')
        .then(
          eb
            .selectFrom('serviceClaims as w')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('w.tenantId', '=', 'sc.tenantId')
            .whereRef('w.itemId', '=', 'sc.itemId')
            .where('w.status', '=', 'waitlisted')
            .where((e) => e.or([e('w.queuedAt', '<', e.ref('sc.queuedAt')), e.and([e('w.queuedAt', '=', e.ref('sc.queuedAt')), e('w.id', '<=', e.ref('sc.id'))])])),
        )
        .else(null)
        .end()
        .as('waitlistPosition'),
    )
    .where('sc.tenantId', '=', ctx.tenantId)
    .where('sc.userId', '=', actor.userId)
    .where('sc.status', '!=', 'cancelled')
    .$if(view === 'upcoming', (q) => q.where('sc.status', '=', 'claimed').where('i.status', 'in', ['published', 'closed']).where('i.endsAt', '>', now))
    .$if(view === 'waitlisted', (q) => q.where('sc.status', '=', 'waitlisted'))
    .$if(view === 'done', (q) => q.where((eb) => eb.or([eb('sc.status', 'in', ['attended', 'no_show']), eb('i.endsAt', '<=', now), eb('i.status', '=', 'completed')])))
    .$if(!!after, (q) => q.where('sc.id', '<', after!))
    .orderBy('sc.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      claim: presentClaim(r, r.waitlistPosition === null ? null : Number(r.waitlistPosition)),
      item: { id: r.itemId, title: r.title, category: r.category as never, communityName: r.communityName, placeName: r.placeName, startsAt: iso(r.startsAt), endsAt: iso(r.endsAt), status: r.itemStatus },
      record: r.recordId ? { id: r.recordId, status: r.recordStatus!, checkInAt: iso(r.checkInAt!), checkOutAt: isoOrNull(r.checkOutAt), creditedMinutes: r.creditedMinutes } : null,
    })),
  };
}
