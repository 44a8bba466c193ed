import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorizeOrHide } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { recordEvent } from './co-building.machine.js';
import { endsOn, notifyParties } from './co-building.queries.js';
import type { CreateAgreementInput } from './co-building.schemas.js';

/** 单位报到: a unit's secretary (or an admin over the unit) proposes a co-building agreement to a community. */
export async function createAgreement({ ctx, input }: { ctx: Ctx; input: CreateAgreementInput }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const unit = await tx.db
      .selectFrom('organisations as o')
      .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
      .select(['o.id', 'o.name', 'o.kind', 'o.path', 'r.path as regionPath'])
      .where('o.tenantId', '=', tx.tenantId)
      .where('o.id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit) throw notFound('单位');
    authorizeOrHide(actor, 'cobuild.unit', { orgPath: unit.path, regionPath: unit.regionPath }, '单位');
    if (unit.kind === 'party_org') throw invalid('党组织请通过其所在单位报到', 'Party organisations report in through their unit');
    const community = await findRegion(tx.db, tx.tenantId, input.communityId);
    if (community.kind !== 'community') throw invalid('只能与社区签订共建协议', 'Agreements are made with a community');
    const pending = await tx.db
      .selectFrom('coBuildAgreements')
      .select('id')
      .where('tenantId', '=', tx.tenantId)
      .where('unitId', '=', unit.id)
      .where('communityId', '=', community.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw conflict('该单位与该社区已有待确认的共建协议', 'A proposal between this unit and community awaits confirmation', { agreementId: pending.id });
    const agreement = await tx.db
      .insertInto('coBuildAgreements')
      .values({
        tenantId: tx.tenantId,
        id: newId(),
        unitId: unit.id,
        communityId: community.id,
        signedOn: input.signedOn,
        termMonths: input.termMonths,
        endsOn: endsOn(input.signedOn, input.termMonths),
        content: input.content,
        status: 'pending',
        createdBy: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, { agreementId: agreement.id, action: 'propose', fromStatus: null, toStatus: 'pending', regionId: community.id, after: agreement });
    await notifyParties(tx, { unit, community }, { kind: 'co_building.proposed', title: '有单位申请共建报到，待确认', body: `${unit.name} 向${community.name}提交了共建协议`, link: `/co-building/agreements/${agreement.id}` }, 'community');
    return agreement;
  });
}
