import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { chunked, firstDuplicate, rowsPerInsert } from '../../platform/bulk.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { checkAgreementMove, sidesOf, type Parties } from './co-building.machine.js';
import { notifyPartiesMany, recordEvents, type TimelineEvent } from './record-events.js';

/**
 * The batch form of confirmAgreement: the community countersigns many proposals at once. For each, the same checks
 * (an agreement the actor acts for — NOT_FOUND otherwise —, as the community, still pending) and the same effects:
 * an earlier active agreement of the pair ends (superseded by the renewal), the agreement becomes active, the unit ↔
 * community link is created or set to co_building (audited), both sides are told. Rows locked in id order;
 * set-based statements. All or nothing; the first failing id is named by `details.index`.
 */
export async function confirmAgreements({ ctx, input }: { ctx: Ctx; input: { ids: string[] } }) {
  const actor = requireActor(ctx);
  const ids = input.ids;
  if (ids.length === 0) return [];
  const dup = firstDuplicate(ids, (id) => id);
  if (dup) throw new DomainError('VALIDATION', { 'zh-CN': '同一协议重复出现', en: 'An agreement is listed twice' }, { index: dup[0] });
  return withTransaction(ctx, async (tx) => {
    const found = await tx.db.selectFrom('coBuildAgreements').selectAll().where('tenantId', '=', tx.tenantId).where('id', 'in', [...ids].sort()).orderBy('id').forUpdate().execute();
    const byId = new Map(found.map((a) => [a.id, a]));
    const unitIds = [...new Set(found.map((a) => a.unitId))];
    const communityIds = [...new Set(found.map((a) => a.communityId))];
    const [units, communities] = await Promise.all([
      unitIds.length
        ? tx.db
            .selectFrom('organisations as o')
            .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
            .select(['o.id', 'o.name', 'o.path', 'r.path as regionPath'])
            .where('o.tenantId', '=', tx.tenantId)
            .where('o.id', 'in', unitIds)
            .execute()
        : [],
      communityIds.length ? tx.db.selectFrom('regions').select(['id', 'name', 'path']).where('tenantId', '=', tx.tenantId).where('id', 'in', communityIds).execute() : [],
    ]);
    const unitOf = new Map(units.map((u) => [u.id, u]));
    const communityOf = new Map(communities.map((c) => [c.id, c]));
    const parties = new Map<string, Parties>();
    for (const [index, id] of ids.entries()) {
      try {
        const a = byId.get(id);
        if (!a) throw notFound('共建协议');
        const p: Parties = { unit: unitOf.get(a.unitId)!, community: communityOf.get(a.communityId)! };
        const sides = sidesOf(actor, p);
        if (sides.length === 0) throw notFound('共建协议');
        checkAgreementMove('confirm', a.status, sides);
        parties.set(id, p);
      } catch (error) {
        if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
        throw error;
      }
    }
    const now = tx.now();
    const list = ids.map((id) => byId.get(id)!);
    // Renewals: the pairs' earlier active agreements end, superseded.
    const superseded: Array<{ id: string; unitId: string; communityId: string }> = [];
    for (const chunk of chunked(list, 2000)) {
      const pairs = sql.join(chunk.map((a) => sql`(${a.unitId}::uuid, ${a.communityId}::uuid)`));
      const { rows } = await sql<{ id: string; unitId: string; communityId: string }>`
        update co_build_agreements a set status = 'ended', closed_at = ${now}::timestamptz, closed_by = ${actor.userId}::uuid,
               close_reason = '续签：由新协议取代', updated_at = ${now}::timestamptz
          from (values ${pairs}) as v (unit_id, community_id)
         where a.tenant_id = ${tx.tenantId} and a.status = 'active' and a.unit_id = v.unit_id and a.community_id = v.community_id
        returning a.id, a.unit_id, a.community_id`.execute(tx.db);
      superseded.push(...rows);
    }
    const renewing = new Map(list.map((a) => [`${a.unitId}:${a.communityId}`, a.id]));
    const after = [];
    for (const chunk of chunked(list, 5000)) {
      after.push(
        ...(await tx.db
          .updateTable('coBuildAgreements')
          .set({ status: 'active', confirmedAt: now, confirmedBy: actor.userId, updatedAt: now })
          .where('tenantId', '=', tx.tenantId)
          .where('id', 'in', chunk.map((a) => a.id))
          .returningAll()
          .execute()),
      );
    }
    const events: TimelineEvent[] = [
      ...superseded.map((s) => ({ agreementId: s.id, action: 'supersede', fromStatus: 'active', toStatus: 'ended', note: renewing.get(`${s.unitId}:${s.communityId}`)!, regionId: s.communityId })),
      ...list.map((a) => ({ agreementId: a.id, action: 'confirm', fromStatus: a.status, toStatus: 'active', regionId: a.communityId, before: { status: a.status }, after: { status: 'active' } })),
    ];
    await recordEvents(tx, events);
    const links = [];
    for (const chunk of chunked(list, rowsPerInsert(5))) {
      links.push(
        ...(await tx.db
          .insertInto('unitCommunities')
          .values(chunk.map((a) => ({ tenantId: tx.tenantId, unitId: a.unitId, communityId: a.communityId, relation: 'co_building' as const, since: a.signedOn })))
          .onConflict((oc) => oc.columns(['tenantId', 'unitId', 'communityId']).doUpdateSet((eb) => ({ relation: 'co_building', since: eb.fn.coalesce('unitCommunities.since', 'excluded.since') })))
          .returningAll()
          .execute()),
      );
    }
    const linkOf = new Map(links.map((l) => [`${l.unitId}:${l.communityId}`, l]));
    await auditMany(
      tx,
      list.map((a) => ({ action: 'organisation.community_linked', targetType: 'organisation', targetId: a.unitId, regionId: a.communityId, after: { ...linkOf.get(`${a.unitId}:${a.communityId}`)!, agreementId: a.id } })),
    );
    await notifyPartiesMany(
      tx,
      list.map((a) => {
        const p = parties.get(a.id)!;
        return { parties: p, notification: { kind: 'co_building.confirmed', title: '共建协议已生效', body: `${p.community.name}已确认与${p.unit.name}的共建协议`, link: `/co-building/agreements/${a.id}` } };
      }),
    );
    const activeOf = new Map(after.map((a) => [a.id, a]));
    return ids.map((id) => activeOf.get(id)!);
  });
}
