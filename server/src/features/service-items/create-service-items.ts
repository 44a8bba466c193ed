import type { Selectable } from 'kysely';
import type { ServiceItemTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { chunked, insertRows } from '../../platform/bulk.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { DEFAULT_CANCEL_DEADLINE_MINUTES, DEFAULT_CHECKIN_RADIUS_M, plannedMinutesOf } from './create-service-item.js';
import { normaliseEligibility } from './eligibility.js';
import { authorizeManage } from './service-items.policy.js';
import { selectItems, type ItemRow } from './service-items.queries.js';
import type { CreateItemInput } from './service-items.schemas.js';

/**
 * The batch form of createServiceItem (a community entering its week's schedule, the demo seed): for each item the
 * same checks — a community the actor manages, a valid time window (planned minutes derived as there), eligibility
 * normalised — and the same draft row and `service_item.created` audit entry, in a few statements. All or nothing;
 * the first failing item is named by `details.index`. Returns the drafts in input order.
 */
export async function createServiceItems({ ctx, input }: { ctx: Ctx; input: { items: CreateItemInput[] } }): Promise<ItemRow[]> {
  const list = input.items;
  if (list.length === 0) return [];
  return withTransaction(ctx, async (tx) => {
    const communities = new Map(
      (await tx.db.selectFrom('regions').select(['id', 'kind', 'path']).where('tenantId', '=', tx.tenantId).where('id', 'in', [...new Set(list.map((i) => i.communityId))]).execute()).map((c) => [c.id, c]),
    );
    const now = tx.now();
    const rows = [];
    for (const [index, item] of list.entries()) {
      try {
        const community = communities.get(item.communityId);
        if (!community) throw notFound('区域');
        if (community.kind !== 'community') throw invalid('服务必须发布在社区', 'Service items belong to a community');
        authorizeManage(tx.actor, community.path);
        const startsAt = new Date(item.startsAt);
        const endsAt = new Date(item.endsAt);
        rows.push({
          tenantId: tx.tenantId,
          id: newId(),
          communityId: community.id,
          title: item.title.trim(),
          category: item.category,
          description: item.description ?? '',
          startsAt,
          endsAt,
          placeName: item.placeName.trim(),
          lat: item.lat,
          lng: item.lng,
          checkinRadiusM: item.checkinRadiusM ?? DEFAULT_CHECKIN_RADIUS_M,
          capacity: item.capacity,
          eligibility: await normaliseEligibility(tx, item.eligibility),
          plannedMinutes: plannedMinutesOf(startsAt, endsAt, item.plannedMinutes),
          pointsPerHour: item.pointsPerHour ?? null,
          cancelDeadlineMinutes: item.cancelDeadlineMinutes ?? DEFAULT_CANCEL_DEADLINE_MINUTES,
          createdBy: tx.actor!.userId,
          createdAt: now,
          updatedAt: now,
        });
      } catch (error) {
        if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
        throw error;
      }
    }
    const written = await insertRows<Selectable<ServiceItemTable>>(tx.db, 'service_items', rows, { returning: ['*'] });
    await auditMany(tx, written.map((row) => ({ action: 'service_item.created', targetType: 'service_item', targetId: row.id, regionId: row.communityId, after: row })));
    const items = new Map<string, ItemRow>();
    for (const chunk of chunked(rows.map((r) => r.id), 5000)) for (const i of await selectItems(tx.db, tx.tenantId).where('i.id', 'in', chunk).execute()) items.set(i.id, i);
    return rows.map((r) => items.get(r.id)!);
  });
}
