import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import type { Selectable } from 'kysely';
import type { CoBuildAgreementTable } from '../../db/schema.js';
import { firstDuplicate, insertRows } from '../../platform/bulk.js';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorizeOrHide } from '../../platform/policy.js';
import { endsOn } from './co-building.queries.js';
import type { CreateAgreementInput } from './co-building.schemas.js';
import { notifyPartiesMany, recordEvents } from './record-events.js';

const about = (error: unknown, index: number): never => {
  if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
  throw error;
};

/**
 * The batch form of createAgreement (a subdistrict registering its units' co-building in one go, the demo seed):
 * for each proposal the same checks — the actor acts for the unit (`cobuild.unit`, NOT_FOUND otherwise), it is not a
 * Party organisation, the other side is a community, no proposal of the pair awaits confirmation (nor twice in the
 * batch) — and the same pending row, `propose` event with its audit entry and message to the community's
 * secretaries, as a few multi-row statements. All or nothing, the first failing proposal named by `details.index`.
 */
export async function createAgreements({ ctx, input }: { ctx: Ctx; input: { agreements: CreateAgreementInput[] } }) {
  const actor = requireActor(ctx);
  const list = input.agreements;
  if (list.length === 0) return [];
  const dup = firstDuplicate(list, (a) => `${a.unitId}:${a.communityId}`);
  if (dup) about(conflict('该单位与该社区已有待确认的共建协议', 'A proposal between this unit and community awaits confirmation'), dup[0]);
  return withTransaction(ctx, async (tx) => {
    const unitIds = [...new Set(list.map((a) => a.unitId))];
    const communityIds = [...new Set(list.map((a) => a.communityId))];
    const [units, communities, pending] = await Promise.all([
      tx.db
        .selectFrom('organisations as o')
        .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
        .select(['o.id', 'o.name', 'o.kind', 'o.path', 'r.path as regionPath'])
        .where('o.tenantId', '=', tx.tenantId)
        .where('o.id', 'in', unitIds)
        .execute(),
      tx.db.selectFrom('regions').select(['id', 'name', 'path', 'kind']).where('tenantId', '=', tx.tenantId).where('id', 'in', communityIds).execute(),
      tx.db.selectFrom('coBuildAgreements').select(['id', 'unitId', 'communityId']).where('tenantId', '=', tx.tenantId).where('unitId', 'in', unitIds).where('status', '=', 'pending').execute(),
    ]);
    const unitOf = new Map(units.map((u) => [u.id, u]));
    const communityOf = new Map(communities.map((c) => [c.id, c]));
    const pendingOf = new Map(pending.map((p) => [`${p.unitId}:${p.communityId}`, p.id]));
    for (const [index, a] of list.entries()) {
      try {
        const unit = unitOf.get(a.unitId);
        if (!unit) throw notFound('单位');
        authorizeOrHide(actor, 'cobuild.unit', { orgPath: unit.path, regionPath: unit.regionPath }, '单位');
        if (unit.kind === 'party_org') throw invalid('党组织请通过其所在单位报到', 'Party organisations report in through their unit');
        const community = communityOf.get(a.communityId);
        if (!community) throw notFound('区域');
        if (community.kind !== 'community') throw invalid('只能与社区签订共建协议', 'Agreements are made with a community');
        const waiting = pendingOf.get(`${a.unitId}:${a.communityId}`);
        if (waiting) throw conflict('该单位与该社区已有待确认的共建协议', 'A proposal between this unit and community awaits confirmation', { agreementId: waiting });
      } catch (error) {
        about(error, index);
      }
    }
    const rows = list.map((a) => ({
      tenantId: tx.tenantId,
      id: newId(),
      unitId: a.unitId,
      communityId: a.communityId,
      signedOn: a.signedOn,
      termMonths: a.termMonths,
      endsOn: endsOn(a.signedOn, a.termMonths),
      content: a.content,
      status: 'pending' as const,
      createdBy: actor.userId,
    }));
    const inserted = await insertRows<Selectable<CoBuildAgreementTable>>(tx.db, 'co_build_agreements', rows, { returning: ['*'] });
    const byId = new Map(inserted.map((a) => [a.id, a]));
    const agreements = rows.map((r) => byId.get(r.id)!);
    await recordEvents(tx, agreements.map((a) => ({ agreementId: a.id, action: 'propose', fromStatus: null, toStatus: 'pending', regionId: a.communityId, after: a })));
    await notifyPartiesMany(
      tx,
      agreements.map((a) => {
        const unit = unitOf.get(a.unitId)!;
        const community = communityOf.get(a.communityId)!;
        return {
          parties: { unit, community },
          notification: { kind: 'co_building.proposed', title: '有单位申请共建报到，待确认', body: `${unit.name} 向${community.name}提交了共建协议`, link: `/co-building/agreements/${a.id}` },
          only: 'community' as const,
        };
      }),
    );
    return agreements;
  });
}
