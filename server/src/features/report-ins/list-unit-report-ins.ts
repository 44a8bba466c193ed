import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/pagination.js';
import { maskPhone } from '../../platform/pii.js';
import { authorizeOrHide } from '../../platform/policy.js';
import { nameCursor, parseNameCursor } from '../organisations/list-organisations.js';
import { OPEN_STATUSES } from './report-ins.machine.js';
import type { ListUnitReportInsQuery } from './report-ins.schemas.js';

/**
 * The unit's view (Mobilize's "affiliated people"): every Party member of the unit and its sub-units with the state
 * of their report-in made as a member of this unit — `none` (未报到) when there is no open one (as the unit's
 * report-in rate counts). For the unit's secretary and admins over its region; phones masked, no other unit's people.
 */
export async function listUnitReportIns({ ctx, input }: { ctx: Ctx; input: { unitId: string } & ListUnitReportInsQuery }) {
  const { db, tenantId } = ctx;
  const unit = await db
    .selectFrom('organisations as o')
    .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
    .select(['o.id', 'o.path', 'r.path as regionPath'])
    .where('o.tenantId', '=', tenantId)
    .where('o.id', '=', input.unitId)
    .executeTakeFirst();
  if (!unit) throw notFound('单位');
  authorizeOrHide(ctx.actor, 'reportin.unit', { orgPath: unit.path, regionPath: unit.regionPath }, '单位');
  const limit = input.limit ?? 50;
  const after = parseNameCursor(input.cursor);
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('reportIns as ri', (j) =>
      j
        .onRef('ri.tenantId', '=', 'u.tenantId')
        .onRef('ri.userId', '=', 'u.id')
        .on('ri.status', 'in', OPEN_STATUSES)
        .on('ri.unitId', 'in', (eb) => eb.selectFrom('organisations as ro').select('ro.id').where('ro.tenantId', '=', tenantId).where('ro.path', 'like', `${unit.path}%`)),
    )
    .leftJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'ri.tenantId').onRef('c.id', '=', 'ri.communityId'))
    .leftJoin('regions as g', (j) => j.onRef('g.tenantId', '=', 'ri.tenantId').onRef('g.id', '=', 'ri.gridId'))
    .select(['u.id', 'u.name', 'u.phone', 'ri.id as reportInId', 'ri.status', 'ri.communityId', 'c.name as communityName', 'g.name as gridName', 'ri.serviceTeam', 'ri.submittedAt', 'ri.confirmedAt', 'ri.reconfirmDueAt'])
    .select((eb) =>
      jsonObjectFrom(
        eb
          .selectFrom('userUnits as uu')
          .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
          .select(['o.id', 'o.name', 'uu.position'])
          .whereRef('uu.tenantId', '=', 'u.tenantId')
          .whereRef('uu.userId', '=', 'u.id')
          .where('o.path', 'like', `${unit.path}%`)
          .orderBy('o.depth')
          .orderBy('o.name')
          .limit(1),
      ).as('unit'),
    )
    .where('u.tenantId', '=', tenantId)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb('u.id', 'in', eb.selectFrom('userUnits as fu').innerJoin('organisations as fo', (j) => j.onRef('fo.tenantId', '=', 'fu.tenantId').onRef('fo.id', '=', 'fu.unitId')).select('fu.userId').where('fu.tenantId', '=', tenantId).where('fo.path', 'like', `${unit.path}%`)),
    )
    .where((eb) => eb.or([eb('u.isPartyMember', '=', true), eb('ri.id', 'is not', null)]))
    .$if(input.status === 'none', (q) => q.where('ri.id', 'is', null))
    .$if(!!input.status && input.status !== 'none', (q) => q.where('ri.status', '=', input.status as (typeof OPEN_STATUSES)[number]))
    .$if(!!input.q, (q) => q.where('u.name', 'like', `%${input.q}%`))
    .$if(!!after, (q) => q.where(({ eb, refTuple, tuple }) => eb(refTuple('u.name', 'u.id'), '>', tuple(after![0], after![1]))))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, nameCursor);
  return {
    items: page.items.map((r) => ({
      userId: r.id,
      name: r.name,
      phone: maskPhone(r.phone),
      unitId: r.unit!.id,
      unitName: r.unit!.name,
      position: r.unit!.position,
      status: r.status ?? ('none' as const),
      reportIn: r.reportInId
        ? {
            id: r.reportInId,
            communityId: r.communityId!,
            communityName: r.communityName!,
            gridName: r.gridName,
            serviceTeam: r.serviceTeam,
            submittedAt: r.submittedAt!.toISOString(),
            confirmedAt: r.confirmedAt?.toISOString() ?? null,
            reconfirmDueAt: r.reconfirmDueAt?.toISOString() ?? null,
          }
        : null,
    })),
    nextCursor: page.nextCursor,
  };
}
