import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { DAY_MS, shanghaiDate } from '../../platform/calendar/shanghai-time.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { orgInScope, regionInScope } from '../../platform/scope.js';
import type { NewNotification } from '../../platform/notifications/notifier.js';
import { holdersOf } from '../report-ins/report-ins.queries.js';
import { sidesOf, type AgreementStatus, type CoBuildList, type ItemStatus, type Parties, type Side } from './co-building.machine.js';

/**
 * The last day an agreement of `termMonths` months signed on `signedOn` is in force ('YYYY-MM-DD'): the day before
 * the same day-of-month `termMonths` later, or the last day of that month when it has no such day (Jan 31 + 1 → Feb 28).
 */
export function endsOn(signedOn: string, termMonths: number): string {
  const [y, m, d] = signedOn.split('-').map(Number) as [number, number, number];
  const month = new Date(Date.UTC(y, m - 1 + termMonths, 1));
  const lastDay = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate();
  const end = d > lastDay ? Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), lastDay) : Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), d) - DAY_MS;
  return new Date(end).toISOString().slice(0, 10);
}

/** Active and not past its last day (Shanghai calendar). */
export const inForce = (a: { status: string; endsOn: string }, now: Date) => a.status === 'active' && a.endsOn >= shanghaiDate(now);

/** An agreement is visible to either of its sides: the unit's (org grants, region admins) or the community's. */
export function agreementVisible(tenantId: string, actor: Actor | null, unitIdColumn: string, communityIdColumn: string) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> =>
    eb.or([orgInScope(tenantId, actor, 'cobuild.unit', unitIdColumn)(eb), regionInScope(tenantId, actor, 'cobuild.community', communityIdColumn)(eb)]);
}

async function partiesOf(db: Database, tenantId: string, unitId: string, communityId: string): Promise<Parties> {
  const [unit, community] = await Promise.all([
    db
      .selectFrom('organisations as o')
      .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
      .select(['o.id', 'o.name', 'o.path', 'r.path as regionPath'])
      .where('o.tenantId', '=', tenantId)
      .where('o.id', '=', unitId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('regions').select(['id', 'name', 'path']).where('tenantId', '=', tenantId).where('id', '=', communityId).executeTakeFirstOrThrow(),
  ]);
  return { unit, community };
}

/** An agreement one of whose sides the actor may act for, with the parties and those sides; NOT_FOUND otherwise. */
export async function findAgreement(ctx: Ctx, id: string, options: { lock?: boolean } = {}) {
  const actor = requireActor(ctx);
  const agreement = await ctx.db
    .selectFrom('coBuildAgreements')
    .selectAll()
    .where('tenantId', '=', ctx.tenantId)
    .where('id', '=', id)
    .$if(!!options.lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!agreement) throw notFound('共建协议');
  const parties = await partiesOf(ctx.db, ctx.tenantId, agreement.unitId, agreement.communityId);
  const sides = sidesOf(actor, parties);
  if (sides.length === 0) throw notFound('共建协议');
  return { agreement, parties, sides };
}

/** A list item, with its agreement and the actor's sides on it; NOT_FOUND when neither side is the actor's. */
export async function findItem(ctx: Ctx, id: string, options: { lock?: boolean } = {}) {
  const item = await ctx.db
    .selectFrom('coBuildItems')
    .selectAll()
    .where('tenantId', '=', ctx.tenantId)
    .where('id', '=', id)
    .$if(!!options.lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!item) throw notFound('清单事项');
  try {
    return { item, ...(await findAgreement(ctx, item.agreementId)) };
  } catch (e) {
    throw e instanceof DomainError && e.code === 'NOT_FOUND' ? notFound('清单事项') : e;
  }
}

/**
 * Tells both sides of an agreement — the unit's secretaries and the community's — except the person acting.
 */
export async function notifyParties(tx: Ctx, parties: Parties, n: Omit<NewNotification, 'userIds'>, only?: Side) {
  const [unitSide, communitySide] = await Promise.all([
    only === 'community' ? [] : holdersOf(tx.db, tx.tenantId, 'unit_secretary', { orgPath: parties.unit.path }),
    only === 'unit' ? [] : holdersOf(tx.db, tx.tenantId, 'community_secretary', { regionPath: parties.community.path }),
  ]);
  const userIds = [...new Set([...unitSide, ...communitySide])].filter((id) => id !== tx.actor?.userId);
  if (userIds.length) await tx.notifier.notify(tx, { ...n, userIds });
}

export function selectAgreements(db: Database, tenantId: string) {
  return db
    .selectFrom('coBuildAgreements as a')
    .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'a.tenantId').onRef('o.id', '=', 'a.unitId'))
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'a.tenantId').onRef('c.id', '=', 'a.communityId'))
    .leftJoin('users as cb', (j) => j.onRef('cb.tenantId', '=', 'a.tenantId').onRef('cb.id', '=', 'a.createdBy'))
    .leftJoin('users as fb', (j) => j.onRef('fb.tenantId', '=', 'a.tenantId').onRef('fb.id', '=', 'a.confirmedBy'))
    .select([
      'a.id',
      'a.unitId',
      'o.name as unitName',
      'a.communityId',
      'c.name as communityName',
      'a.signedOn',
      'a.termMonths',
      'a.endsOn',
      'a.content',
      'a.status',
      'a.createdBy',
      'cb.name as createdByName',
      'a.confirmedBy',
      'fb.name as confirmedByName',
      'a.confirmedAt',
      'a.closedAt',
      'a.closeReason',
      'a.createdAt',
      'a.updatedAt',
    ])
    .where('a.tenantId', '=', tenantId);
}

type AgreementRow = Awaited<ReturnType<ReturnType<typeof selectAgreements>['execute']>>[number];

export const presentAgreement = (a: AgreementRow, now: Date) => ({
  ...a,
  status: a.status as AgreementStatus,
  inForce: inForce(a, now),
  confirmedAt: a.confirmedAt?.toISOString() ?? null,
  closedAt: a.closedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export function selectItems(db: Database, tenantId: string) {
  return db
    .selectFrom('coBuildItems as i')
    .innerJoin('coBuildAgreements as a', (j) => j.onRef('a.tenantId', '=', 'i.tenantId').onRef('a.id', '=', 'i.agreementId'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'a.tenantId').onRef('o.id', '=', 'a.unitId'))
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'a.tenantId').onRef('c.id', '=', 'a.communityId'))
    .leftJoin('users as cb', (j) => j.onRef('cb.tenantId', '=', 'i.tenantId').onRef('cb.id', '=', 'i.createdBy'))
    .leftJoin('users as kb', (j) => j.onRef('kb.tenantId', '=', 'i.tenantId').onRef('kb.id', '=', 'i.claimedBy'))
    .leftJoin('users as pb', (j) => j.onRef('pb.tenantId', '=', 'i.tenantId').onRef('pb.id', '=', 'i.completedBy'))
    .select([
      'i.id',
      'i.agreementId',
      'a.unitId',
      'o.name as unitName',
      'a.communityId',
      'c.name as communityName',
      'i.list',
      'i.side',
      'i.title',
      'i.description',
      'i.quantity',
      'i.dueOn',
      'i.status',
      'i.createdBy',
      'cb.name as createdByName',
      'i.claimedBy',
      'kb.name as claimedByName',
      'i.claimedAt',
      'i.completedBy',
      'pb.name as completedByName',
      'i.completedAt',
      'i.completionNote',
      'i.createdAt',
      'i.updatedAt',
    ])
    .where('i.tenantId', '=', tenantId);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>['execute']>>[number];

export const presentItem = (i: ItemRow) => ({
  ...i,
  list: i.list as CoBuildList,
  side: i.side as Side,
  status: i.status as ItemStatus,
  claimedAt: i.claimedAt?.toISOString() ?? null,
  completedAt: i.completedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});
