import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { boundingBox, haversineSql } from './geo.js';
import { serviceManagerScopes } from './service-items.policy.js';
import { selectItems } from './service-items.queries.js';
import type { ListItemsQuery } from './service-items.schemas.js';

function parseNear(near: string | undefined) {
  if (!near) return undefined;
  const [lat, lng] = near.split(',').map(Number) as [number, number];
  if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) throw invalid('near 坐标超出范围', 'near is out of range');
  return { lat, lng };
}

function parseCursor(cursor: string | undefined): { key: number; id: string } | undefined {
  const raw = decodeCursor(cursor);
  if (!raw) return undefined;
  const [key, id] = raw.split('|');
  if (!id || key === undefined || !Number.isFinite(Number(key))) throw invalid('分页游标无效', 'Invalid cursor');
  return { key: Number(key), id };
}

/**
 * Items of every community of the tenant, published or later, plus drafts of the communities the actor manages.
 * With `near` they come nearest first (haversine in SQL, a bounding box first when `radiusKm` is given); without
 * it, by start time. `from`/`to` select items whose time window overlaps them.
 */
export async function listServiceItems({ ctx, input }: { ctx: Ctx; input: ListItemsQuery }) {
  const actor = requireActor(ctx);
  const limit = input.limit ?? 50;
  const near = parseNear(input.near);
  if (input.radiusKm && !near) throw invalid('radiusKm 需要配合 near 使用', 'radiusKm needs near');
  const after = parseCursor(input.cursor);
  const managed = serviceManagerScopes(actor);
  const distance = near ? haversineSql('i.lat', 'i.lng', near.lat, near.lng) : undefined;
  const box = near && input.radiusKm ? boundingBox(near.lat, near.lng, input.radiusKm * 1000) : undefined;

  let q = selectItems(ctx.db, ctx.tenantId)
    .leftJoin('serviceClaims as mc', (j) =>
      j.onRef('mc.tenantId', '=', 'i.tenantId').onRef('mc.itemId', '=', 'i.id').on('mc.userId', '=', actor.userId).on('mc.status', '!=', 'cancelled'),
    )
    .select('mc.status as myClaimStatus')
    .where((eb) => eb.or([eb('i.status', '!=', 'draft'), ...managed.map((p) => eb('c.path', 'like', `${p}%`))]))
    .$if(!!input.status, (b) => b.where('i.status', '=', input.status!))
    .$if(!!input.category, (b) => b.where('i.category', '=', input.category!))
    .$if(!!input.communityId, (b) => b.where('i.communityId', '=', input.communityId!))
    .$if(!!input.from, (b) => b.where('i.endsAt', '>=', new Date(input.from!)))
    .$if(!!input.to, (b) => b.where('i.startsAt', '<=', new Date(input.to!)))
    .$if(!!input.q, (b) =>
      b.where((eb) => eb.or([eb('i.title', 'ilike', `%${input.q}%`), eb('i.placeName', 'ilike', `%${input.q}%`), eb('i.description', 'ilike', `%${input.q}%`)])),
    )
    .limit(limit + 1);

  if (distance) {
    q = q
      .select(distance.as('distanceM'))
      .$if(!!box, (b) =>
        b
          .where('i.lat', '>=', box!.minLat)
          .where('i.lat', '<=', box!.maxLat)
          .where('i.lng', '>=', box!.minLng)
          .where('i.lng', '<=', box!.maxLng)
          .where(distance, '<=', input.radiusKm! * 1000),
      )
      .$if(!!after, (b) => b.where((eb) => eb.or([eb(distance, '>', after!.key), eb.and([eb(distance, '=', after!.key), eb('i.id', '>', after!.id)])])))
      .orderBy(distance)
      .orderBy('i.id');
    const rows = await q.execute();
    return pageOf(rows, limit, (r) => `${(r as unknown as { distanceM: number }).distanceM}|${r.id}`);
  }
  const rows = await q
    .$if(!!after, (b) => b.where((eb) => eb.or([eb('i.startsAt', '>', new Date(after!.key)), eb.and([eb('i.startsAt', '=', new Date(after!.key)), eb('i.id', '>', after!.id)])])))
    .orderBy('i.startsAt')
    .orderBy('i.id')
    .execute();
  return pageOf(rows, limit, (r) => `${r.startsAt.getTime()}|${r.id}`);
}
